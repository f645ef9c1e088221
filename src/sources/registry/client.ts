import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { DrydockError, errorMessage } from '../../core/errors.js';
import { BlobCache } from '../blob-cache.js';
import type { Descriptor } from '../types.js';
import { Authenticator, type AuthOptions } from './auth.js';
import { Semaphore } from './limit.js';
import {
  isIndexMediaType,
  isManifestMediaType,
  isSchema1,
  MANIFEST_ACCEPT,
  OCI_INDEX,
  OCI_MANIFEST,
} from './media-types.js';
import { redact } from './redact.js';
import { type RegistryReference, withDigest } from './reference.js';
import { backoffDelay, DEFAULT_RETRY, isRetryableNetworkError, sleep } from './retry.js';
import { type HttpResponse, Transport, type TransportOptions } from './transport.js';

export interface BlobProgress {
  readonly digest: string;
  readonly received: number;
  /** Expected size (from the descriptor, which every manifest must give). */
  readonly total: number;
}

export type ProgressCallback = (progress: BlobProgress) => void;

export interface RegistryClientOptions extends TransportOptions, AuthOptions {
  /** Where verified blobs (and manifests, which are content-addressed too) are kept. */
  readonly cache?: BlobCache;
  /** Parallel blob downloads (default 3). */
  readonly concurrency?: number;
  readonly onProgress?: ProgressCallback;
}

/** The JSON fields of an index or manifest drydock reads. */
export interface ManifestJson {
  readonly schemaVersion?: number;
  readonly mediaType?: string;
  readonly manifests?: readonly Descriptor[];
  readonly config?: Descriptor;
  readonly layers?: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface FetchedManifest {
  /** sha256 of `bytes`, verified. */
  readonly digest: string;
  readonly mediaType: string;
  /** The exact bytes served: what digests are computed over and what an OCI layout must store. */
  readonly bytes: Buffer;
  readonly json: ManifestJson;
}

export interface ManifestHead {
  readonly digest: string | undefined;
  readonly mediaType: string | undefined;
  readonly size: number | undefined;
}

const MANIFEST_LIMIT = 4 << 20;
const CONFIG_LIMIT = 32 << 20;
const SHA256 = /^sha256:[a-f0-9]{64}$/;

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * A client for the OCI Distribution API (pull side). Every byte it returns is verified against a
 * digest: manifests against the digest asked for (or the registry's Docker-Content-Digest), blobs
 * against their descriptor before they enter the cache.
 */
export class RegistryClient {
  readonly transport: Transport;
  readonly auth: Authenticator;
  readonly cache: BlobCache;
  private readonly options: RegistryClientOptions;
  private readonly downloads: Semaphore;
  private readonly inflight = new Map<string, Promise<string>>();
  /** Blob downloads that went over the wire (not served from the cache). */
  blobDownloads = 0;

  constructor(options: RegistryClientOptions = {}) {
    this.options = options;
    this.transport = new Transport(options);
    this.auth = new Authenticator(this.transport, options);
    this.cache = options.cache ?? new BlobCache();
    this.downloads = new Semaphore(options.concurrency ?? 3);
  }

  /** `HEAD /v2/<name>/manifests/<ref>`: digest, media type and size without the body. */
  async headManifest(ref: RegistryReference): Promise<ManifestHead> {
    const res = await this.request(ref, 'HEAD', `manifests/${ref.reference}`, { accept: MANIFEST_ACCEPT });
    if (res.status !== 200) throw await this.statusError(ref, res, 'manifest');
    const digest = res.headers.get('docker-content-digest') ?? undefined;
    const length = res.headers.get('content-length');
    return {
      digest: digest !== undefined && SHA256.test(digest) ? digest : undefined,
      mediaType: contentType(res),
      size: length === null ? undefined : Number(length),
    };
  }

  /** The digest a tag points at now: Docker-Content-Digest of a HEAD, else the sha256 of a GET. */
  async resolveDigest(ref: RegistryReference): Promise<string> {
    if (ref.digest !== undefined) return ref.digest;
    const head = await this.headManifest(ref);
    if (head.digest !== undefined) return head.digest;
    return (await this.getManifest(ref)).digest;
  }

  /** `GET /v2/<name>/manifests/<ref>`, verified, straight from the registry. */
  async getManifest(ref: RegistryReference): Promise<FetchedManifest> {
    const what = `${ref.familiar} (manifest)`;
    const res = await this.request(ref, 'GET', `manifests/${ref.reference}`, { accept: MANIFEST_ACCEPT });
    if (res.status !== 200) throw await this.statusError(ref, res, 'manifest');
    const bytes = await res.bytes(MANIFEST_LIMIT).catch((err: unknown) => {
      throw wrapIo(err, what);
    });
    const digest = sha256(bytes);
    if (ref.digest !== undefined && digest !== ref.digest) {
      throw new DrydockError(
        'input',
        `digest mismatch: asked for ${ref.digest}, the manifest served hashes to ${digest}`,
        {
          where: what,
        },
      );
    }
    const claimed = res.headers.get('docker-content-digest');
    if (claimed?.startsWith('sha256:') && claimed !== digest) {
      throw new DrydockError(
        'input',
        `digest mismatch: registry says ${claimed}, the manifest served hashes to ${digest}`,
        { where: what },
      );
    }
    return { digest, ...parseManifest(bytes, contentType(res), what) };
  }

  /**
   * A manifest through the cache: by digest it needs no request once cached; by tag one HEAD
   * finds the digest (tags move), then the body comes from the cache or a GET by that digest.
   */
  async getManifestCached(ref: RegistryReference): Promise<FetchedManifest> {
    let digest = ref.digest;
    if (digest === undefined) {
      digest = (await this.headManifest(ref)).digest;
      if (digest === undefined) {
        const fetched = await this.getManifest(ref);
        await this.store(fetched);
        return fetched;
      }
    }
    const what = `${ref.familiar} (manifest)`;
    if (this.cache.has(digest)) {
      const bytes = readFileSync(this.cache.path(digest));
      return { digest, ...parseManifest(bytes, undefined, what) };
    }
    const fetched = await this.getManifest(withDigest(ref, digest));
    await this.store(fetched);
    return fetched;
  }

  private async store(m: FetchedManifest): Promise<void> {
    if (!this.cache.has(m.digest)) await this.cache.write(m.digest, bufferStream(m.bytes), { size: m.bytes.length });
  }

  /**
   * Makes sure a blob is in the cache (downloading and verifying it if not) and returns its path.
   * Concurrent calls for one digest share a download; at most `concurrency` run at once.
   */
  fetchBlob(
    ref: RegistryReference,
    desc: Pick<Descriptor, 'digest' | 'size'>,
    onProgress?: ProgressCallback,
  ): Promise<string> {
    if (!SHA256.test(desc.digest)) {
      return Promise.reject(
        new DrydockError('input', `unsupported blob digest ${desc.digest}`, { where: `${ref.familiar} (blob)` }),
      );
    }
    if (this.cache.has(desc.digest)) return Promise.resolve(this.cache.path(desc.digest));
    let p = this.inflight.get(desc.digest);
    if (p === undefined) {
      p = this.downloads
        .run(() => this.download(ref, desc, onProgress ?? this.options.onProgress))
        .finally(() => this.inflight.delete(desc.digest));
      this.inflight.set(desc.digest, p);
    }
    return p;
  }

  /** A small blob (config) through the cache, as bytes. */
  async readBlob(ref: RegistryReference, desc: Pick<Descriptor, 'digest' | 'size'>): Promise<Buffer> {
    if (desc.size > CONFIG_LIMIT) {
      throw new DrydockError('input', `blob ${desc.digest} is ${desc.size} bytes, more than a config may be`, {
        where: ref.familiar,
      });
    }
    return readFileSync(await this.fetchBlob(ref, desc));
  }

  private async download(
    ref: RegistryReference,
    desc: Pick<Descriptor, 'digest' | 'size'>,
    onProgress: ProgressCallback | undefined,
  ): Promise<string> {
    const what = `${ref.familiar} (blob ${desc.digest.slice(0, 19)})`;
    if (this.cache.has(desc.digest)) return this.cache.path(desc.digest);
    const policy = this.transport.options.retry ?? DEFAULT_RETRY;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const res = await this.request(ref, 'GET', `blobs/${desc.digest}`, {});
      if (res.status !== 200) throw await this.statusError(ref, res, 'blob', desc.digest);
      const total = desc.size;
      let received = 0;
      onProgress?.({ digest: desc.digest, received, total });
      // Stops a registry that sends more than the descriptor promised before it fills the disk.
      const meter = new Transform({
        transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
          received += chunk.length;
          if (received > desc.size) {
            cb(new DrydockError('input', `blob larger than its descriptor's ${desc.size} bytes`, { where: what }));
            return;
          }
          onProgress?.({ digest: desc.digest, received, total });
          cb(null, chunk);
        },
      });
      try {
        this.blobDownloads++;
        const body = res.stream();
        // pipe() does not forward errors: a cut connection must fail the write, not hang it.
        body.on('error', (err) => meter.destroy(err));
        const path = await this.cache.write(desc.digest, body.pipe(meter), { size: desc.size, what });
        return path;
      } catch (err) {
        const delay = backoffDelay(attempt, policy);
        const retry =
          isRetryableNetworkError(err) && attempt + 1 < policy.tries && Date.now() - started + delay < policy.totalMs;
        if (!retry) throw wrapIo(err, what);
        this.transport.log(`blob ${desc.digest} interrupted (${errorMessage(err)}), retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /** One API request with auth: challenge answered once, then the registry's verdict stands. */
  private async request(
    ref: RegistryReference,
    method: 'GET' | 'HEAD',
    path: string,
    extra: { accept?: string },
  ): Promise<HttpResponse> {
    const scope = `repository:${ref.repository}:pull`;
    const kind = path.startsWith('blobs/') ? 'blob' : 'manifest';
    const what = `${ref.familiar} (${kind})`;
    const url = `${this.transport.baseUrl(ref.apiHost)}/v2/${ref.repository}/${path}`;
    let header = await this.auth.headerFor(ref.registry, scope, what);
    for (let round = 0; round < 2; round++) {
      const headers: Record<string, string> = {};
      if (extra.accept !== undefined) headers.accept = extra.accept;
      if (header !== undefined) headers.authorization = header;
      const res = await this.transport.send({ method, url, headers, what });
      if (res.status !== 401) return res;
      await res.discard();
      if (round === 1) break;
      if (header !== undefined) this.auth.invalidate(ref.registry, scope);
      header = await this.auth.onUnauthorized(ref.registry, scope, res.headers.get('www-authenticate'), what);
    }
    throw await this.auth.denied(ref.registry, what, '401 Unauthorized');
  }

  private async statusError(
    ref: RegistryReference,
    res: HttpResponse,
    kind: 'manifest' | 'blob',
    digest?: string,
  ): Promise<DrydockError> {
    const what = `${ref.familiar}${kind === 'blob' ? ` (blob ${digest ?? ''})` : ''}`;
    const detail = await errorDetail(res);
    if (res.status === 404) {
      const message =
        kind === 'blob'
          ? `blob ${digest} not found in ${ref.registry}/${ref.repository}`
          : detail.code === 'NAME_UNKNOWN'
            ? `repository ${ref.repository} not found on ${ref.registry}`
            : `${ref.digest === undefined ? `tag ${ref.tag}` : `manifest ${ref.digest}`} not found in ${ref.registry}/${ref.repository}`;
      return new DrydockError('input', message, { where: what });
    }
    if (res.status === 403) {
      return new DrydockError('io', redact(`403 Forbidden: access to ${ref.repository} denied${detail.text}`), {
        where: what,
        hint: 'the account lacks pull permission for this repository',
      });
    }
    return new DrydockError(
      'io',
      redact(`${ref.registry} answered ${res.status} ${res.statusText}${detail.text}`.trim()),
      {
        where: what,
      },
    );
  }
}

/** The first Distribution error (`{"errors":[{"code","message"}]}`), if the body has one. */
async function errorDetail(res: HttpResponse): Promise<{ code?: string; text: string }> {
  try {
    const body = JSON.parse((await res.bytes(64 << 10)).toString('utf8')) as {
      errors?: { code?: unknown; message?: unknown }[];
    };
    const first = body.errors?.[0];
    if (first && typeof first.code === 'string') {
      const message = typeof first.message === 'string' ? `: ${first.message}` : '';
      return { code: first.code, text: ` (${first.code}${message})` };
    }
  } catch {
    // not JSON, or no body (HEAD)
  }
  return { text: '' };
}

function contentType(res: HttpResponse): string | undefined {
  const value = res.headers.get('content-type');
  return value === null ? undefined : (value.split(';')[0]?.trim() ?? undefined);
}

/**
 * Media type and JSON of a manifest. The body's own `mediaType` wins over Content-Type (which
 * some registries and caches get wrong); without either the shape decides. Schema1 is refused.
 */
export function parseManifest(
  bytes: Buffer,
  headerType: string | undefined,
  what: string,
): { mediaType: string; bytes: Buffer; json: ManifestJson } {
  let json: ManifestJson;
  try {
    json = JSON.parse(bytes.toString('utf8')) as ManifestJson;
  } catch {
    throw new DrydockError('input', 'manifest is not JSON', { where: what });
  }
  if (json === null || typeof json !== 'object')
    throw new DrydockError('input', 'manifest is not a JSON object', { where: what });
  if (json.schemaVersion === 1 || (headerType !== undefined && isSchema1(headerType))) {
    throw new DrydockError('input', 'Docker schema1 manifests are not supported (deprecated, unverifiable)', {
      where: what,
      hint: 're-push the image with a current Docker, buildah or skopeo (schema2 or OCI)',
    });
  }
  let mediaType = json.mediaType;
  if (mediaType === undefined || mediaType === '') {
    if (headerType !== undefined && (isIndexMediaType(headerType) || isManifestMediaType(headerType)))
      mediaType = headerType;
    else if (Array.isArray(json.manifests)) mediaType = OCI_INDEX;
    else if (json.config !== undefined) mediaType = OCI_MANIFEST;
    else throw new DrydockError('input', 'not an image manifest or index', { where: what });
  }
  if (!isIndexMediaType(mediaType) && !isManifestMediaType(mediaType)) {
    throw new DrydockError('input', `unsupported manifest media type ${mediaType}`, { where: what });
  }
  if (isIndexMediaType(mediaType) && !Array.isArray(json.manifests)) {
    throw new DrydockError('input', 'index without a manifests list', { where: what });
  }
  if (isManifestMediaType(mediaType) && (json.config === undefined || !Array.isArray(json.layers))) {
    throw new DrydockError('input', 'manifest without config or layers', { where: what });
  }
  const descriptors = isIndexMediaType(mediaType) ? (json.manifests ?? []) : [json.config, ...(json.layers ?? [])];
  for (const d of descriptors) {
    // Sizes bound downloads and digests name cache files: both must be well-formed before use.
    if (
      d === null ||
      typeof d !== 'object' ||
      typeof d.digest !== 'string' ||
      !SHA256.test(d.digest) ||
      !Number.isSafeInteger(d.size) ||
      d.size < 0
    ) {
      throw new DrydockError('input', `manifest has a malformed descriptor ${JSON.stringify(d)?.slice(0, 120)}`, {
        where: what,
      });
    }
  }
  return { mediaType, bytes, json };
}

function wrapIo(err: unknown, what: string): Error {
  if (err instanceof DrydockError) return err;
  return new DrydockError('io', redact(`download failed: ${errorMessage(err)}`), { where: what, cause: err });
}

function bufferStream(bytes: Buffer): Readable {
  return Readable.from([bytes]);
}
