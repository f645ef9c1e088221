import { isAbsolute, relative } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * A unified diff of one file's change (jsdiff), as git prints it: `--- a/PATH` / `+++ b/PATH` with the
 * path relative to the working directory when it is inside it, so `git apply` and `patch -p1` take it
 * as is. Empty when nothing changed. Every command that previews a rewrite (fix, pin, harden, deps
 * fix) prints through this one function.
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const shown = diffPath(path);
  return createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, after, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
    context: 3,
  });
}

/** Paths as git shows them: relative to the working directory when inside it, never `a//abs`. */
function diffPath(path: string): string {
  const rel = relative(process.cwd(), path);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return shown.replaceAll('\\', '/').replace(/^\/+/, '');
}
