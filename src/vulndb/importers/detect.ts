import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DrydockError, errorMessage } from '../../core/errors.js';
import { looksLikeSecdb } from './alpine-secdb.js';
import { looksLikeTrackerJson } from './debian-tracker-json.js';
import { parseStructured } from './structured-text.js';

export type ImportFormat = 'osv' | 'debian-tracker-json' | 'vuln-list-debian' | 'debian-tracker-list' | 'alpine-secdb';

const DATA_FILE = /\.(json|ya?ml)$/i;
/** How many data files of a directory are looked at to decide its format. */
const SAMPLE = 5;

/**
 * Which importer reads `path`: decided from content, not names, except `.zip` (OSV's `all.zip`) and a
 * tracker text list (first line `[date] DSA-…` or `CVE-…`). A directory is judged by its first data
 * files. Unrecognised input is a DrydockError: importing nothing silently would look like "no vulns".
 */
export function detectFormat(path: string): ImportFormat {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new DrydockError('io', `cannot read: ${errorMessage(err)}`, { where: path });
  }
  if (stat.isDirectory()) {
    for (const file of sampleFiles(path)) {
      const format = classify(file);
      if (format === 'debian-tracker-json' || format === 'debian-tracker-list') continue;
      if (format) return format;
    }
    throw new DrydockError('input', 'no OSV, vuln-list-debian or Alpine secdb files found', { where: path });
  }
  if (/\.zip$/i.test(path)) return 'osv';
  const format = classify(path);
  if (format) return format;
  throw new DrydockError('input', 'not OSV, Debian tracker (JSON or list), vuln-list-debian or Alpine secdb data', {
    where: path,
  });
}

function classify(file: string): ImportFormat | undefined {
  if (!DATA_FILE.test(file)) return isTrackerList(file) ? 'debian-tracker-list' : undefined;
  let value: unknown;
  try {
    value = parseStructured(readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if ('Header' in value && 'Annotations' in value) return 'vuln-list-debian';
  if (looksLikeSecdb(value)) return 'alpine-secdb';
  if ('id' in value && ('affected' in value || 'modified' in value)) return 'osv';
  if (looksLikeTrackerJson(value)) return 'debian-tracker-json';
  return undefined;
}

/** The tracker's text lists start with an entry header: `[02 Jun 2014] DLA-0001-1 …` or `CVE-2024-…`. */
function isTrackerList(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const first = buf.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
    return /^(?:\[[^\]]+\]\s+)?(?:CVE|DSA|DLA|DTSA|ELA)-\d/.test(first);
  } finally {
    closeSync(fd);
  }
}

/** The first data files of a tree (stable order, dot-entries and vuln-list's distributions.json left out). */
function sampleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && DATA_FILE.test(e.name) && basename(e.name) !== 'distributions.json')
    .map((e) => join(e.parentPath, e.name))
    .filter(
      (f) =>
        !f
          .slice(dir.length)
          .split(/[\\/]/)
          .some((p) => p.startsWith('.')),
    )
    .sort()
    .slice(0, SAMPLE);
}
