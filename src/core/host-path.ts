import { join } from 'node:path';

/**
 * Paths on the machine drydock runs on (config files, caches), as opposed to paths inside an
 * image (posix-path.ts). Kept here because `src/sources/` may not import node:path.
 */
export function joinHostPath(...parts: string[]): string {
  return join(...parts);
}
