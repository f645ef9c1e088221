import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DrydockError } from '../../core/errors.js';
import { cacheRoot } from '../../sources/blob-cache.js';
import { type MirrorFetchOptions, withMirrorRetry } from './http.js';

/**
 * A suite's `InRelease` (or `Release`): its date, version and the sha256 of every index below it.
 * Everything fetched afterwards (Packages, then .debs) is checked against these hashes.
 *
 * Not done: the OpenPGP signature is not verified (no OpenPGP library is in the project and gpgv
 * must not be required). A forged mirror could make drydock report wrong updates; it cannot make
 * drydock run anything, since packages are only ever read.
 */

export interface ReleaseFile {
  readonly url: string;
  readonly origin?: string;
  readonly suite?: string;
  readonly codename?: string;
  /** `12.11` for bookworm; absent for testing/sid and for -security/-updates on some mirrors. */
  readonly version?: string;
  readonly date?: string;
  readonly acquireByHash: boolean;
  /** Index path under dists/<suite>/ → its sha256 and size. */
  readonly sha256: ReadonlyMap<string, { readonly hash: string; readonly size: number }>;
}

/** Strips the clear-signature armour: the signed text, dash-escaping undone (RFC 4880 §7.1). */
export function unwrapClearsigned(text: string): string {
  if (!text.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) return text;
  const lines = text.split('\n');
  let i = 1;
  while (i < lines.length && lines[i]?.trim() !== '') i++;
  const out: string[] = [];
  for (i++; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('-----BEGIN PGP SIGNATURE-----')) break;
    out.push(line.startsWith('- ') ? line.slice(2) : line);
  }
  return out.join('\n');
}

export function parseRelease(text: string, url: string): ReleaseFile {
  const fields = new Map<string, string>();
  let current: string | undefined;
  for (const line of unwrapClearsigned(text).split('\n')) {
    if (/^\s/.test(line) && current !== undefined) {
      fields.set(current, `${fields.get(current) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = line.slice(0, colon).toLowerCase();
    fields.set(current, line.slice(colon + 1).trim());
  }
  const sha256 = new Map<string, { hash: string; size: number }>();
  for (const entry of (fields.get('sha256') ?? '').split('\n')) {
    const [hash, size, path] = entry.trim().split(/\s+/);
    if (hash && size && path && /^[0-9a-f]{64}$/.test(hash)) sha256.set(path, { hash, size: Number(size) });
  }
  if (sha256.size === 0) throw new DrydockError('parse', 'Release file lists no SHA256 indexes', { where: url });
  const opt = (key: string) => {
    const v = fields.get(key);
    return v === undefined ? {} : { [key]: v };
  };
  return {
    url,
    ...opt('origin'),
    ...opt('suite'),
    ...opt('codename'),
    ...opt('version'),
    ...opt('date'),
    acquireByHash: (fields.get('acquire-by-hash') ?? '').toLowerCase() === 'yes',
    sha256,
  };
}

interface CachedRelease {
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly text: string;
}

function cachePath(root: string, url: string): string {
  return join(root, 'apt', 'release', `${createHash('sha256').update(url).digest('hex')}.json`);
}

/**
 * `dists/<suite>/InRelease`, else `Release`; undefined when the suite does not exist there (a
 * derived `-updates` suite of a distribution that has none). Kept in the drydock cache and
 * revalidated with a conditional GET, so an unchanged suite costs one 304.
 */
export async function fetchRelease(
  uri: string,
  suite: string,
  options: MirrorFetchOptions & { readonly cacheDir?: string } = {},
): Promise<ReleaseFile | undefined> {
  const root = options.cacheDir ?? cacheRoot();
  for (const name of ['InRelease', 'Release']) {
    const url = `${uri}/dists/${suite}/${name}`;
    const file = cachePath(root, url);
    const cached = await readFile(file, 'utf8')
      .then((t) => JSON.parse(t) as CachedRelease)
      .catch(() => undefined);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    const text = await withMirrorRetry(
      url,
      async (res) => {
        if (res.status === 304 && cached) {
          await res.body?.cancel();
          return cached.text;
        }
        if (res.status === 404 || res.status === 410) {
          await res.body?.cancel();
          return undefined;
        }
        if (!res.ok) {
          await res.body?.cancel();
          throw new DrydockError('io', `HTTP ${res.status} ${res.statusText}`, { where: url });
        }
        const body = await res.text();
        const entry: CachedRelease = {
          url,
          text: body,
          ...(res.headers.get('etag') ? { etag: res.headers.get('etag') ?? '' } : {}),
          ...(res.headers.get('last-modified') ? { lastModified: res.headers.get('last-modified') ?? '' } : {}),
        };
        await writeAtomic(file, JSON.stringify(entry));
        return body;
      },
      { ...options, headers },
    );
    if (text !== undefined) return parseRelease(text, url);
  }
  return undefined;
}

/** Temp file + rename: a reader never sees half a cache entry. */
export async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.partial`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
