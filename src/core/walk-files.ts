import { type Dirent, readdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
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

/** `stat` of a command-line path; a missing or unreadable one is the one-line error every command prints. */
export function statPath(path: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DrydockError('io', code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})`, {
      where: path,
    });
  }
}

/**
 * The files below `dir`, in name order, whose path `accept`s, not descending into `skip` folders nor
 * following directory links (a link loop must not hang a walk). Unreadable folders are passed over.
 */
export function walkDirectory(
  dir: string,
  accept: (path: string) => boolean,
  skip: ReadonlySet<string> = SKIP_DIRS,
): string[] {
  const out: string[] = [];
  const visit = (current: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = join(current, e.name);
      if (e.isDirectory()) {
        if (!skip.has(e.name)) visit(full);
      } else if (e.isFile() && accept(full)) {
        out.push(full);
      }
    }
  };
  visit(dir);
  return out;
}

/**
 * Expands command-line paths: directories are walked (see walkDirectory) keeping the files `accept`ed;
 * files named on the command line are kept whatever they are called. `-` (stdin) passes through.
 */
export function expandPaths(paths: readonly string[], accept: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') out.push(p);
    else if (statPath(p).isDirectory()) out.push(...walkDirectory(p, accept));
    else out.push(p);
  }
  return [...new Set(out)];
}
