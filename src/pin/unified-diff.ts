import { isAbsolute, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './plan.js';

/** `--dry-run`: a unified diff (`a/` and `b/` prefixes, as git prints) of every file that would change. */
export function unifiedDiff(changes: readonly FileChange[]): string {
  let out = '';
  for (const c of changes) {
    if (c.before === c.after) continue;
    const patch = createTwoFilesPatch(
      `a/${diffPath(c.path)}`,
      `b/${diffPath(c.path)}`,
      c.before,
      c.after,
      undefined,
      undefined,
      {
        context: 3,
      },
    );
    // jsdiff starts with an "Index:"-less "===" header line; git-style tools expect it to start at ---.
    out += patch.replace(/^=+\n/, '');
  }
  return out;
}

/** Paths as git shows them: relative to the working directory when inside it, never `a//abs`. */
function diffPath(path: string): string {
  const rel = relative(process.cwd(), path);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return shown.replaceAll('\\', '/').replace(/^\/+/, '');
}
