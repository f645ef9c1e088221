import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { DrydockError } from '../core/errors.js';
import { fetchBytes, type MirrorFetchOptions } from '../vulndb/apt/http.js';
import type { VersionComparer } from '../vulndb/types.js';
import { comparerFor } from '../vulndb/version/index.js';

/**
 * `apk list --upgradable` without apk: the image's `etc/apk/repositories`, each repository's
 * `<arch>/APKINDEX.tar.gz`, and apk's version order. A candidate is the highest version of the
 * same package name in any untagged repository (tagged `@edge` repositories are only used for
 * packages pinned to them, which apk's world file records; those are left out).
 *
 * Not done: the index signature (`.SIGN.RSA.*`) is not verified, like the apt Release files; a
 * forged mirror can only make the report wrong, never make drydock run anything.
 */

export const APK_REPOSITORIES = 'etc/apk/repositories';

/** Repository URLs, in file order; comments, tagged and non-HTTP(S) lines are skipped. */
export function parseApkRepositories(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => /^https?:\/\/\S+$/i.test(l))
    .map((l) => l.replace(/\/+$/, ''));
}

export interface ApkIndexPackage {
  readonly name: string;
  readonly version: string;
  readonly arch?: string;
}

/** The `P:`/`V:`/`A:` fields of each stanza of an APKINDEX text. */
export function parseApkIndex(text: string): ApkIndexPackage[] {
  const out: ApkIndexPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const field = (k: string) => new RegExp(`^${k}:(.*)$`, 'm').exec(stanza)?.[1]?.trim();
    const name = field('P');
    const version = field('V');
    const arch = field('A');
    if (name && version) out.push({ name, version, ...(arch ? { arch } : {}) });
  }
  return out;
}

/** The APKINDEX text inside `APKINDEX.tar.gz` (a signature tar and the index tar, gzip members back to back). */
export async function apkIndexText(archive: Buffer, where: string): Promise<string> {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (err) {
    throw new DrydockError('input', `not a gzip archive: ${err instanceof Error ? err.message : String(err)}`, {
      where,
    });
  }
  const ex = extract();
  const found: Promise<string | undefined> = (async () => {
    let text: string | undefined;
    for await (const entry of ex) {
      if (entry.header.name === 'APKINDEX') {
        const chunks: Buffer[] = [];
        for await (const c of entry as unknown as AsyncIterable<Buffer>) chunks.push(c);
        text = Buffer.concat(chunks).toString('utf8');
      } else entry.resume();
    }
    return text;
  })();
  ex.end(tar);
  const text = await found;
  if (text === undefined) throw new DrydockError('input', 'no APKINDEX inside', { where });
  return text;
}

export interface ApkUpgradable {
  readonly name: string;
  readonly installed: string;
  readonly candidate: string;
  readonly repository: string;
}

export interface ApkPending {
  readonly upgradable: ApkUpgradable[];
  /** Repositories with an index for this architecture. */
  readonly repositories: string[];
  /** Repositories without one (404): named in the evidence. */
  readonly missing: string[];
}

export async function findApkUpgrades(options: {
  readonly installed: readonly { readonly name: string; readonly version: string }[];
  readonly repositories: readonly string[];
  readonly arch: string;
  readonly comparer?: VersionComparer;
  readonly fetch?: MirrorFetchOptions;
}): Promise<ApkPending> {
  const cmp = options.comparer ?? comparerFor('apk');
  const names = new Set(options.installed.map((p) => p.name));
  const best = new Map<string, { version: string; repository: string }>();
  const repositories: string[] = [];
  const missing: string[] = [];
  for (const repo of options.repositories) {
    const url = `${repo}/${options.arch}/APKINDEX.tar.gz`;
    const archive = await fetchBytes(url, { maxBytes: 64 * 1024 * 1024 }, options.fetch);
    if (!archive) {
      missing.push(repo);
      continue;
    }
    repositories.push(repo);
    for (const p of parseApkIndex(await apkIndexText(archive, url))) {
      if (!names.has(p.name) || !cmp.valid(p.version)) continue;
      const old = best.get(p.name);
      if (!old || cmp.compare(p.version, old.version) > 0) best.set(p.name, { version: p.version, repository: repo });
    }
  }
  if (options.repositories.length > 0 && repositories.length === 0) {
    throw new DrydockError('io', 'none of the apk repositories has an index for this architecture', {
      where: options.repositories.map((r) => `${r}/${options.arch}`).join(', '),
    });
  }
  const upgradable = options.installed.flatMap((p) => {
    const c = best.get(p.name);
    if (!c || !cmp.valid(p.version) || cmp.compare(c.version, p.version) <= 0) return [];
    return [{ name: p.name, installed: p.version, candidate: c.version, repository: c.repository }];
  });
  upgradable.sort((a, b) => a.name.localeCompare(b.name));
  return { upgradable, repositories, missing };
}
