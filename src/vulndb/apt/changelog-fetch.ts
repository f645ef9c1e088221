import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DrydockError } from '../../core/errors.js';
import { cacheRoot } from '../../sources/blob-cache.js';
import { type DebEntry, readDebEntries } from './deb-archive.js';
import { fetchBytes, type MirrorFetchOptions } from './http.js';
import type { IndexPackage } from './packages-index.js';
import { writeAtomic } from './release.js';

/**
 * The Debian changelog a binary package ships (`usr/share/doc/<pkg>/changelog.Debian.gz`, or
 * `changelog.gz` for native packages), taken from its .deb on the mirror. Only the changelog is
 * kept in the drydock cache, per package, version and architecture: the .deb itself is dropped.
 */

export interface ChangelogFetchOptions extends MirrorFetchOptions {
  readonly cacheDir?: string;
  /** Refuse .debs larger than this (a kernel image is not worth downloading for its changelog). */
  readonly maxDebBytes?: number;
}

/** What one .deb says about its changelog. */
export type DebChangelog =
  | { readonly kind: 'text'; readonly text: string; readonly path: string }
  /** `usr/share/doc/<pkg>` is a symlink to another package's doc dir (allowed by policy §12.7). */
  | { readonly kind: 'link'; readonly docDir: string }
  | { readonly kind: 'none' };

const DEFAULT_MAX_DEB_BYTES = 256 * 1024 * 1024;

/** Reads the changelog out of a .deb's bytes, following symlinks inside the package. */
export async function changelogFromDeb(deb: Buffer, pkg: string, where: string): Promise<DebChangelog> {
  const docDir = `usr/share/doc/${pkg}`;
  const entries = await readDebEntries(
    deb,
    (p) => p === docDir || (p.startsWith('usr/share/doc/') && /\/changelog(\.Debian)?\.gz$/.test(p)),
    where,
  );
  const dirEntry = entries.get(docDir);
  if (dirEntry?.type === 'symlink') {
    return { kind: 'link', docDir: posix.normalize(posix.join('usr/share/doc', dirEntry.target)).replace(/\/$/, '') };
  }
  for (const name of ['changelog.Debian.gz', 'changelog.gz']) {
    const path = `${docDir}/${name}`;
    const file = resolve(entries, path);
    if (file) return { kind: 'text', text: gunzipSync(file).toString('utf8'), path };
  }
  return { kind: 'none' };
}

/** A file's bytes, through at most a few symlinks/hardlinks inside the same package. */
function resolve(entries: ReadonlyMap<string, DebEntry>, path: string): Buffer | undefined {
  let p = path;
  for (let hops = 0; hops < 8; hops++) {
    const e = entries.get(p);
    if (!e) return undefined;
    if (e.type === 'file') return e.data;
    p = e.type === 'hardlink' ? e.target : posix.normalize(posix.join(posix.dirname(p), e.target));
  }
  return undefined;
}

function cacheKey(pkg: IndexPackage): string {
  // apt's own archive names escape ":" of epochs the same way.
  return `${pkg.name}_${pkg.version}_${pkg.arch}`.replace(/:/g, '%3a').replace(/\//g, '_');
}

/** One package's changelog, from the cache or its .deb on the mirror. */
export async function debChangelog(
  uri: string,
  pkg: IndexPackage,
  options: ChangelogFetchOptions = {},
): Promise<DebChangelog> {
  const dir = join(options.cacheDir ?? cacheRoot(), 'apt', 'changelog');
  const file = join(dir, `${cacheKey(pkg)}.json`);
  const cached = await readFile(file, 'utf8')
    .then((t) => JSON.parse(t) as DebChangelog)
    .catch(() => undefined);
  if (cached) return cached;
  const url = `${uri}/${pkg.filename}`;
  const deb = await fetchBytes(
    url,
    {
      ...(pkg.sha256 ? { sha256: pkg.sha256 } : {}),
      ...(pkg.size !== undefined ? { size: pkg.size } : {}),
      maxBytes: options.maxDebBytes ?? DEFAULT_MAX_DEB_BYTES,
    },
    options,
  );
  if (!deb) throw new DrydockError('io', 'listed in the Packages index but not on the mirror', { where: url });
  const result = await changelogFromDeb(deb, pkg.name, url);
  await writeAtomic(file, JSON.stringify(result));
  return result;
}

/**
 * The changelog of a source upload, from whichever of its binaries has one: the smallest .deb
 * first (they all carry the same source changelog), a symlinked doc dir followed to the package
 * that owns it (`lookup` finds it by name in the same suite).
 */
export async function sourceChangelog(
  uri: string,
  binaries: readonly IndexPackage[],
  lookup: (name: string) => IndexPackage | undefined,
  options: ChangelogFetchOptions = {},
): Promise<{ readonly text: string; readonly from: string } | undefined> {
  const ordered = [...binaries].sort((a, b) => (a.size ?? 0) - (b.size ?? 0));
  const tried = new Set<string>();
  const queue = [...ordered];
  while (queue.length > 0) {
    const pkg = queue.shift();
    if (!pkg || tried.has(pkg.name)) continue;
    tried.add(pkg.name);
    const result = await debChangelog(uri, pkg, options);
    if (result.kind === 'text') return { text: result.text, from: `${uri}/${pkg.filename}:${result.path}` };
    if (result.kind === 'link') {
      const owner = lookup(posix.basename(result.docDir));
      // Try the doc dir's owner next, before the other binaries.
      if (owner && !tried.has(owner.name)) queue.unshift(owner);
    }
  }
  return undefined;
}
