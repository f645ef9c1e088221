import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DrydockError } from '../core/errors.js';

/** File names drydock lints when it walks a directory. */
export function isDockerfileName(name: string): boolean {
  return (
    /^(Dockerfile|Containerfile)(\..+)?$/.test(name) ||
    /\.(Dockerfile|dockerfile|Containerfile|containerfile)$/.test(name)
  );
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', '.venv', '__pycache__', 'dist', '.cache']);

/**
 * Expands the command-line paths into Dockerfiles: directories are walked (skipping VCS and
 * dependency folders), files given by name are linted whatever they are called. `-` is stdin.
 */
export function discoverDockerfiles(paths: readonly string[]): string[] {
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
    if (stat.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return [...new Set(out)];
}

function walk(dir: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, out);
    } else if (e.isFile() && isDockerfileName(basename(full))) {
      out.push(full);
    }
  }
}
