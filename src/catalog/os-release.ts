import type { FileEntry } from '../sources/types.js';
import type { CatalogFile } from './cataloger.js';
import type { Distro } from './package.js';

/** Files that name the distro, most specific first. */
export const OS_RELEASE_PATHS = [
  'etc/os-release',
  'usr/lib/os-release',
  'etc/alpine-release',
  'etc/debian_version',
  'etc/redhat-release',
] as const;

export function wantsOsRelease(entry: FileEntry): boolean {
  return (OS_RELEASE_PATHS as readonly string[]).includes(entry.path);
}

/** Parses os-release (`KEY=value`, quotes, comments). */
export function parseOsRelease(text: string): Distro | undefined {
  const fields = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    }
    fields.set(line.slice(0, eq), value);
  }
  const id = fields.get('ID');
  if (!id) return undefined;
  const idLike = fields.get('ID_LIKE')?.split(/\s+/).filter(Boolean);
  const out: { -readonly [K in keyof Distro]: Distro[K] } = { id: id.toLowerCase() };
  const versionId = fields.get('VERSION_ID');
  if (versionId) out.versionId = versionId;
  const codename = fields.get('VERSION_CODENAME');
  if (codename) out.versionCodename = codename;
  const pretty = fields.get('PRETTY_NAME');
  if (pretty) out.prettyName = pretty;
  if (idLike && idLike.length > 0) out.idLike = idLike;
  return out;
}

/**
 * The distro from the files found: os-release first (`etc/` wins over `usr/lib/`), then the
 * single-purpose release files. A symlinked `etc/os-release` arrives as its target's path.
 */
export function detectDistro(files: ReadonlyMap<string, CatalogFile>): Distro | undefined {
  for (const path of ['etc/os-release', 'usr/lib/os-release']) {
    const content = files.get(path)?.content;
    const parsed = content ? parseOsRelease(content.toString('utf8')) : undefined;
    if (parsed) return parsed;
  }
  const alpine = files.get('etc/alpine-release')?.content?.toString('utf8').trim();
  if (alpine) return { id: 'alpine', versionId: alpine };
  const debian = files.get('etc/debian_version')?.content?.toString('utf8').trim();
  if (debian) return { id: 'debian', versionId: debian.split('.')[0] ?? debian };
  const redhat = files.get('etc/redhat-release')?.content?.toString('utf8').trim();
  if (redhat) {
    const m = /^(.*?) release (\d+(?:\.\d+)?)/.exec(redhat);
    const name = m?.[1]?.toLowerCase() ?? '';
    const id = name.includes('centos')
      ? 'centos'
      : name.includes('rocky')
        ? 'rocky'
        : name.includes('alma')
          ? 'almalinux'
          : 'rhel';
    return m?.[2] ? { id, versionId: m[2] } : { id };
  }
  return undefined;
}
