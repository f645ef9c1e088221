/**
 * Paths inside images: POSIX, normalised, relative to the image root, no leading slash
 * (`etc/os-release`). `..` never climbs above the root: an entry that tries is rejected, a symlink
 * target that tries is clamped at the root, as the kernel does for a chroot.
 */

/** Normalises a path from a tar header or a manifest; returns undefined when it escapes the root. */
export function normalizeImagePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}

/** Resolves a symlink target against the link's directory, clamping `..` at the root. */
export function resolveLinkTarget(linkPath: string, target: string): string {
  const base = target.startsWith('/') ? [] : dirname(linkPath).split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return base.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

export function joinImagePath(...parts: string[]): string {
  return normalizeImagePath(parts.join('/')) ?? '';
}

/** Every ancestor directory of a path, nearest first: `a/b/c` → `a/b`, `a`. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  let p = dirname(path);
  while (p !== '') {
    out.push(p);
    p = dirname(p);
  }
  return out;
}
