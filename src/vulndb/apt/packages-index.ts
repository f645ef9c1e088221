import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { xz } from '@napi-rs/lzma';
import { parseSourceField } from '../../catalog/dpkg/parse-status.js';
import { DrydockError } from '../../core/errors.js';
import { BlobCache, cacheRoot } from '../../sources/blob-cache.js';
import { type MirrorFetchOptions, withMirrorRetry } from './http.js';
import type { ReleaseFile } from './release.js';

/**
 * A suite's binary package index (`dists/<suite>/<component>/binary-<arch>/Packages.gz`): fetched
 * once per content hash (the hash InRelease lists is the cache key, so a new index after a mirror
 * update is a new entry and an unchanged one is never fetched twice), then parsed as a stream —
 * bookworm main is about 9 MB compressed and 45 MB as text, and only the stanzas of installed
 * packages are kept.
 */

export interface IndexPackage {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  /** `Source:` name, else the package's own. */
  readonly sourceName: string;
  /** The source version (`Source: x (ver)`), else the binary version. */
  readonly sourceVersion: string;
  /** Path of the .deb under the archive root. */
  readonly filename: string;
  readonly size?: number;
  readonly sha256?: string;
}

/** Preference order: gzip decompresses as a stream with zlib; xz needs the whole file in memory. */
const VARIANTS = [
  { suffix: '.gz', kind: 'gz' },
  { suffix: '.xz', kind: 'xz' },
  { suffix: '', kind: 'plain' },
] as const;

export interface IndexOptions extends MirrorFetchOptions {
  readonly cacheDir?: string;
}

/**
 * The decompressed index as a stream, from the cache or the mirror; undefined when the Release
 * file lists no index for this component and architecture (e.g. no `non-free` in -updates).
 */
export async function openPackagesIndex(
  uri: string,
  suite: string,
  component: string,
  arch: string,
  release: ReleaseFile,
  options: IndexOptions = {},
): Promise<Readable | undefined> {
  const cache = new BlobCache(options.cacheDir ?? cacheRoot());
  const dir = `${component}/binary-${arch}`;
  for (const variant of VARIANTS) {
    const path = `${dir}/Packages${variant.suffix}`;
    const listed = release.sha256.get(path);
    if (!listed) continue;
    const digest = `sha256:${listed.hash}`;
    if (!cache.has(digest)) {
      // by-hash URLs never change content, so a mirror updating between InRelease and this
      // request cannot hand over a different file than the one InRelease describes.
      const byHash = `${uri}/dists/${suite}/${dir}/by-hash/SHA256/${listed.hash}`;
      const plain = `${uri}/dists/${suite}/${path}`;
      const urls = release.acquireByHash ? [byHash, plain] : [plain];
      let stored = false;
      for (const url of urls) {
        stored = await withMirrorRetry(
          url,
          async (res) => {
            if (res.status === 404) {
              await res.body?.cancel();
              return false;
            }
            if (!res.ok || !res.body) {
              await res.body?.cancel();
              throw new DrydockError('io', `HTTP ${res.status} ${res.statusText}`, { where: url });
            }
            await cache.write(digest, Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), {
              size: listed.size,
              what: url,
            });
            return true;
          },
          options,
        );
        if (stored) break;
      }
      if (!stored) throw new DrydockError('io', `listed in ${release.url} but not on the mirror`, { where: plain });
    }
    const raw = cache.open(digest);
    if (variant.kind === 'gz') return raw.pipe(createGunzip());
    if (variant.kind === 'xz') return Readable.from([await xz.decompress(await collect(raw))]);
    return raw;
  }
  return undefined;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Stanzas of a Packages index, one line at a time; only the fields a candidate needs are read and
 * only the stanzas `want` accepts are yielded.
 */
export async function* parsePackagesIndex(
  stream: Readable,
  want: (pkg: IndexPackage) => boolean = () => true,
): AsyncGenerator<IndexPackage> {
  let fields = new Map<string, string>();
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') {
      if (fields.size > 0) {
        const entry = toIndexPackage(fields);
        fields = new Map();
        if (entry && want(entry)) yield entry;
      }
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).toLowerCase();
    if (!KEYS.has(key)) continue;
    const value = line.slice(colon + 1).trim();
    fields.set(key, value);
  }
  const last = toIndexPackage(fields);
  if (last && want(last)) yield last;
}

const KEYS = new Set(['package', 'version', 'source', 'architecture', 'filename', 'size', 'sha256']);

function toIndexPackage(fields: ReadonlyMap<string, string>): IndexPackage | undefined {
  const name = fields.get('package');
  const version = fields.get('version');
  const filename = fields.get('filename');
  if (!name || !version || !filename) return undefined;
  const source = parseSourceField(fields.get('source') ?? '') ?? { name };
  const size = fields.get('size');
  const sha256 = fields.get('sha256');
  return {
    name,
    version,
    arch: fields.get('architecture') ?? 'all',
    sourceName: source.name,
    sourceVersion: source.version ?? version,
    filename,
    ...(size !== undefined ? { size: Number(size) } : {}),
    ...(sha256 !== undefined ? { sha256 } : {}),
  };
}
