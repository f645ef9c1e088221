import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../core/errors.js';
import { advisoriesFromOsv } from './osv-record.js';
import { parseStructured } from './structured-text.js';
import type { ImportTally } from './tally.js';
import { zipEntries } from './zip-entries.js';

const RECORD_FILE = /\.(json|ya?ml)$/i;

/** Whether a path is OSV data this importer reads: a record file, a directory of them, or a `.zip`. */
export function isOsvPath(path: string): boolean {
  return /\.zip$/i.test(path) || RECORD_FILE.test(path) || statSync(path).isDirectory();
}

/**
 * Imports OSV records from one `.json`/`.yaml` file, a directory tree of them (dot-files such as PyPA's
 * `.id-allocator` are not records), or a zip archive such as osv.dev's per-ecosystem `all.zip`.
 */
export async function importOsv(path: string, tally: ImportTally): Promise<void> {
  if (/\.zip$/i.test(path)) {
    for await (const entry of zipEntries(path, (name) => RECORD_FILE.test(name))) {
      importText(entry.data.toString('utf8'), `${path}!${entry.name}`, tally);
    }
    return;
  }
  const files = statSync(path).isDirectory() ? recordFiles(path) : [path];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      tally.read++;
      tally.skip(file, `unreadable: ${errorMessage(err)}`);
      continue;
    }
    importText(text, file, tally);
  }
}

function importText(text: string, file: string, tally: ImportTally): void {
  tally.read++;
  let value: unknown;
  try {
    value = parseStructured(text, file);
  } catch (err) {
    tally.skip(file, `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${firstLine(errorMessage(err))}`);
    return;
  }
  const result = advisoriesFromOsv(value);
  for (const note of result.notes) tally.warn(file, note);
  if (result.skipped) {
    tally.skip(file, result.skipped.malformed ? result.skipped.reason : undefined);
    return;
  }
  tally.record(result.advisories);
}

/** Record files under `dir`, in a stable order, skipping dot-files and dot-directories. */
function recordFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && RECORD_FILE.test(e.name) && !hidden(join(e.parentPath, e.name).slice(dir.length)))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function hidden(relative: string): boolean {
  return relative.split(/[\\/]/).some((part) => part.startsWith('.'));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
