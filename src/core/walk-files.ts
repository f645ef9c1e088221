import { type Dirent, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DrydockError } from './errors.js';

/** Folders no command walks into: VCS metadata, dependency trees and build output. */
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  '.venv',
  '__pycache__',
  'dist',
  '.cache',
]);

/**
 * Expands command-line paths: directories are walked in name order (skipping SKIP_DIRS) keeping the
 * files whose base name `accept`s; files named on the command line are kept whatever they are called.
 * `-` (stdin) passes through. A missing path is a one-line error.
 */
export function expandPaths(paths: readonly string[], accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DrydockError('io', code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})`, {
        where: p,
      });
    }
    if (stat.isDirectory()) walk(p, accept, out);
    else out.push(p);
  }
  return [...new Set(out)];
}

function walk(dir: string, accept: (name: string) => boolean, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, accept, out);
    } else if (e.isFile() && accept(basename(full))) {
      out.push(full);
    }
  }
}
