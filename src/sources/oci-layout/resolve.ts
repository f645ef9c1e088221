import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DrydockError, errorMessage } from '../../core/errors.js';
import { openLayerStream } from '../layer-stream.js';
import { formatPlatform, hostPlatform, platformMatches, selectManifest } from '../platform.js';
import type { Descriptor, Image, ImageConfig, Layer, Platform } from '../types.js';

/**
 * Resolving an image out of an OCI image layout, wherever its blobs live (a directory, or byte
 * ranges of a tar): `index.json` → (tag | digest) → nested indexes → platform → manifest → config
 * and layers. Every blob read is checked against its descriptor's digest and size; layers are
 * checked while they stream.
 */

export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export const REF_NAME = 'org.opencontainers.image.ref.name';
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Manifests and configs are small; a bigger "manifest" is a hostile or broken layout. */
const MAX_JSON = 16 * 1024 * 1024;
const MAX_DEPTH = 4;

/** Where a layout's blobs are. `undefined` from `size` means the blob is absent. */
export interface BlobStore {
  /** Names the layout in errors (`oci-dir:/x`, `oci-archive:/x.tar`). */
  readonly where: string;
  readIndex(): Promise<Buffer>;
  size(digest: string): Promise<number | undefined>;
  /** Unverified bytes (layers are verified by openLayerStream). */
  open(digest: string): Readable;
  read(digest: string, limit: number): Promise<Buffer>;
}

export interface OciSelector {
  readonly tag?: string;
  readonly digest?: string;
}

export interface ResolveOciOptions {
  /** Normalised source name for Image.source. */
  readonly source: string;
  readonly selector: OciSelector;
  /** An explicit platform is enforced even for a single-platform image; the default is the host's. */
  readonly platform?: Platform;
}

interface ManifestJson {
  readonly mediaType?: string;
  readonly manifests?: Descriptor[];
  readonly config?: Descriptor;
  readonly layers?: Descriptor[];
}

export async function resolveOci(store: BlobStore, options: ResolveOciOptions): Promise<Image> {
  const where = store.where;
  const root = parseJson<ManifestJson>(await store.readIndex(), `${where} index.json`);
  const entries = root.manifests ?? [];
  const wanted = options.platform ?? hostPlatform();
  const { tag, digest } = options.selector;

  let start: Descriptor;
  let indexDigest: string | undefined;
  if (digest !== undefined) {
    if (!DIGEST.test(digest)) throw new DrydockError('usage', `not a sha256 digest: ${digest}`, { where });
    const listed = entries.find((d) => d.digest === digest);
    const size = listed?.size ?? (await store.size(digest));
    if (size === undefined) throw new DrydockError('input', `no blob ${digest} in the layout`, { where });
    start = listed ?? { mediaType: '', digest, size };
  } else {
    const tagged = tag === undefined ? entries : entries.filter((d) => d.annotations?.[REF_NAME] === tag);
    if (tagged.length === 0) {
      const tags = entries.map((d) => d.annotations?.[REF_NAME]).filter((t) => t !== undefined);
      throw new DrydockError(
        'input',
        tag === undefined
          ? 'the layout index lists no image'
          : `no image tagged "${tag}"; the layout has ${tags.length === 0 ? 'no tags' : [...new Set(tags)].join(', ')}`,
        { where },
      );
    }
    if (tagged.length === 1) start = tagged[0] as Descriptor;
    else if (tagged.every((d) => d.platform !== undefined)) {
      // index.json used as a multi-platform index (several descriptors, each with a platform).
      start = selectManifest({ manifests: tagged }, wanted, where);
    } else {
      const tags = [...new Set(tagged.map((d) => d.annotations?.[REF_NAME] ?? d.digest))];
      throw new DrydockError('usage', `the layout holds ${tagged.length} images; name one: ${tags.join(', ')}`, {
        where,
        hint: 'append :TAG or @sha256:DIGEST to the path',
      });
    }
  }

  let descriptor = start;
  for (let depth = 0; ; depth++) {
    if (depth > MAX_DEPTH) throw new DrydockError('input', 'indexes nested too deep', { where });
    const bytes = await readVerified(store, descriptor);
    const json = parseJson<ManifestJson>(bytes, `${where} ${descriptor.digest}`);
    const mediaType = descriptor.mediaType || json.mediaType || (json.manifests ? MediaTypes.ociIndex : '');
    if (mediaType === MediaTypes.ociIndex || mediaType === MediaTypes.dockerList || json.manifests !== undefined) {
      indexDigest = descriptor.digest;
      descriptor = pickFromIndex(json.manifests ?? [], wanted, `${where}@${descriptor.digest}`);
      continue;
    }
    return buildImage(store, options, descriptor, json, mediaType, indexDigest);
  }
}

/**
 * The platform's entry of an index; failing that, its only entry without a platform (a nested
 * index, or a single-image index written without platforms), as containerd keeps those too.
 */
function pickFromIndex(manifests: readonly Descriptor[], wanted: Platform, where: string): Descriptor {
  try {
    return selectManifest({ manifests }, wanted, where);
  } catch (err) {
    const unplatformed = manifests.filter((d) => d.platform === undefined);
    if (unplatformed.length === 1) return unplatformed[0] as Descriptor;
    throw err;
  }
}

async function buildImage(
  store: BlobStore,
  options: ResolveOciOptions,
  manifest: Descriptor,
  json: ManifestJson,
  mediaType: string,
  indexDigest: string | undefined,
): Promise<Image> {
  const where = store.where;
  if (json.config === undefined || !Array.isArray(json.layers)) {
    throw new DrydockError('input', `${manifest.digest} is not an image manifest (${mediaType || 'no media type'})`, {
      where,
    });
  }
  const configDescriptor = json.config;
  const config = parseJson<ImageConfig>(await readVerified(store, configDescriptor), `${where} config`);
  const platform = platformOf(config, manifest);
  if (options.platform !== undefined && platform !== undefined && !platformMatches(platform, options.platform)) {
    throw new DrydockError(
      'input',
      `the image is ${formatPlatform(platform)}, not ${formatPlatform(options.platform)}`,
      { where },
    );
  }
  const diffIds = config.rootfs?.diff_ids ?? [];
  const layers: Layer[] = json.layers.map((d, i) => {
    if (!DIGEST.test(d.digest)) throw new DrydockError('input', `unsupported layer digest ${d.digest}`, { where });
    const diffId = diffIds[i];
    return {
      digest: d.digest,
      ...(diffId === undefined ? {} : { diffId }),
      mediaType: d.mediaType,
      size: d.size,
      open: async () =>
        openLayerStream(store.open(d.digest), {
          digest: d.digest,
          mediaType: d.mediaType,
          size: d.size,
          what: `${options.source} layer ${d.digest}`,
        }),
    };
  });
  return {
    source: options.source,
    ...(indexDigest === undefined ? {} : { indexDigest }),
    manifestDigest: manifest.digest,
    manifestMediaType: mediaType,
    configDigest: configDescriptor.digest,
    config,
    ...(platform === undefined ? {} : { platform }),
    layers,
  };
}

function platformOf(config: ImageConfig, manifest: Descriptor): Platform | undefined {
  if (config.os !== undefined && config.architecture !== undefined) {
    return {
      os: config.os,
      architecture: config.architecture,
      ...(config.variant === undefined ? {} : { variant: config.variant }),
    };
  }
  return manifest.platform;
}

/** A small blob (manifest, index, config), checked against its descriptor. */
export async function readVerified(store: BlobStore, d: Descriptor): Promise<Buffer> {
  if (!DIGEST.test(d.digest)) throw new DrydockError('input', `unsupported digest ${d.digest}`, { where: store.where });
  if (d.size > MAX_JSON) {
    throw new DrydockError('input', `blob ${d.digest} is ${d.size} bytes, too big for a manifest or config`, {
      where: store.where,
    });
  }
  const size = await store.size(d.digest);
  if (size === undefined) throw new DrydockError('input', `missing blob ${d.digest}`, { where: store.where });
  const bytes = await store.read(d.digest, MAX_JSON);
  if (bytes.length !== d.size) {
    throw new DrydockError('input', `size mismatch for blob ${d.digest}: expected ${d.size}, got ${bytes.length}`, {
      where: store.where,
    });
  }
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== d.digest) {
    throw new DrydockError('input', `digest mismatch for blob ${d.digest}: content hashes to ${actual}`, {
      where: store.where,
    });
  }
  return bytes;
}

export function parseJson<T>(bytes: Buffer, what: string): T {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (value === null || typeof value !== 'object') throw new Error('not a JSON object');
    return value as T;
  } catch (err) {
    throw new DrydockError('parse', `invalid JSON: ${errorMessage(err)}`, { where: what });
  }
}

/**
 * Splits `PATH[:tag]` / `PATH@sha256:…` as skopeo does for `oci:` references. A `:` is a tag
 * separator only if `PATH` itself does not exist (`exists` decides), so paths with colons work.
 */
export function splitLayoutReference(
  spec: string,
  exists: (path: string) => boolean,
): { path: string; tag?: string; digest?: string } {
  const at = spec.lastIndexOf('@sha256:');
  if (at > 0) return { path: spec.slice(0, at), digest: spec.slice(at + 1) };
  if (exists(spec)) return { path: spec };
  const colon = spec.lastIndexOf(':');
  if (colon > 0 && !spec.slice(colon + 1).includes('/')) {
    return { path: spec.slice(0, colon), tag: spec.slice(colon + 1) };
  }
  return { path: spec };
}
