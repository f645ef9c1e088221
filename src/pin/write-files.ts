import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DrydockError } from '../core/errors.js';

/**
 * Writes several files as close to all-or-nothing as a filesystem allows: every new text goes to a
 * temp file beside its target first (keeping the target's mode); only when all are written are they
 * renamed over the targets. A failure before the renames leaves every file untouched.
 */
export function writeFilesAtomic(files: readonly { readonly path: string; readonly text: string }[]): void {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${Date.now()}.drydock.tmp`);
      staged.push({ tmp, path: f.path });
      writeFileSync(tmp, f.text);
      try {
        chmodSync(tmp, statSync(f.path).mode & 0o7777);
      } catch {
        // a new file (the lock file): default mode
      }
    }
  } catch (err) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    const last = staged.at(-1)?.path ?? '';
    throw new DrydockError(
      'io',
      `cannot write: ${(err as NodeJS.ErrnoException).code ?? String(err)}; no file was changed`,
      {
        where: last,
      },
    );
  }
  for (const s of staged) renameSync(s.tmp, s.path);
}
