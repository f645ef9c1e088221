import { imageBaseName, parseImageRef } from '../../core/image-ref.js';

/**
 * Paths a container needs to write once its root filesystem is read-only. Image VOLUMEs stay writable
 * (the runtime mounts a volume there), so only paths outside them are listed: `/tmp` for every image,
 * plus the run/cache directories that official images write at start-up (nginx's pid file and proxy
 * cache, the database sockets). Shared by compose (`tmpfs:`) and ECS (`mountPoints` + a task volume).
 */
const KNOWN_WRITABLE: Readonly<Record<string, readonly string[]>> = {
  nginx: ['/var/cache/nginx', '/var/run'],
  postgres: ['/var/run/postgresql'],
  mysql: ['/var/run/mysqld'],
  mariadb: ['/run/mysqld'],
};

export const ALWAYS_WRITABLE: readonly string[] = ['/tmp'];

/** `/tmp`, then the image's own writable paths when drydock knows the image. */
export function writablePathsFor(image: string | undefined): string[] {
  const paths = [...ALWAYS_WRITABLE];
  if (!image) return paths;
  const parsed = parseImageRef(image);
  if (!parsed.ok) return paths;
  const known = KNOWN_WRITABLE[imageBaseName(parsed.ref)];
  return known ? [...paths, ...known] : paths;
}

/** True when `path` is at or below one of `mounts` (a mount of `/var` makes `/var/run` writable). */
export function coveredBy(path: string, mounts: readonly string[]): boolean {
  const clean = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  const target = clean(path);
  return mounts.some((m) => {
    const mount = clean(m);
    return mount === '/' || target === mount || target.startsWith(`${mount}/`);
  });
}
