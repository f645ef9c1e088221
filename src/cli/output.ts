import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DrydockError } from '../core/errors.js';

/** Writes a whole file or nothing: a temp file beside the target, then an atomic rename. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new DrydockError('io', `cannot write: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      where: path,
    });
  }
}

export interface OutputOptions {
  readonly output?: string;
  readonly color?: boolean;
}

/** Colour only on a terminal, never when NO_COLOR is set, never into a file. */
export function useColor(options: OutputOptions, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (options.color === false || options.output) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function emit(content: string, options: OutputOptions): void {
  if (options.output) writeFileAtomic(options.output, content);
  else process.stdout.write(content);
}
