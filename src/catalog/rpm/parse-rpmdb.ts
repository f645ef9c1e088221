import type { CatalogFile, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Distro, Package } from '../package.js';
import { newRpmPackage } from './package.js';
import { type DbRecord, isBdbHash, readBdbHashValues } from './parse-bdb.js';
import { parseRpmHeader } from './parse-header.js';
import { isNdb, readNdbBlobs } from './parse-ndb.js';
import { isSqlite, readSqliteBlobs } from './parse-sqlite.js';

export type RpmDbFormat = 'sqlite' | 'bdb' | 'ndb';

/** A corrupt file can yield a warning per record; past this many, one summary line says how many more. */
const MAX_RECORD_WARNINGS = 20;

/** Which backend wrote the file, by its magic bytes (file names are only a hint: rpm itself probes too). */
export function detectRpmDbFormat(content: Uint8Array): RpmDbFormat | undefined {
  if (isSqlite(content)) return 'sqlite';
  if (isNdb(content)) return 'ndb';
  if (isBdbHash(content)) return 'bdb';
  return undefined;
}

/**
 * Every installed package in one rpmdb file (any of the three backends). A record whose header is
 * corrupt becomes a warning naming the file and record; a database that breaks off mid-way keeps the
 * packages read before. gpg-pubkey entries are imported signing keys, not packages, and are skipped.
 */
export function parseRpmDb(file: CatalogFile, distro: Distro | undefined, wal?: Uint8Array): CatalogResult {
  const path = file.entry.path;
  const packages: Package[] = [];
  const warnings: CatalogWarning[] = [];
  const content = file.content;
  // An empty file is a database rpm never wrote to (some base images ship one): nothing installed.
  if (!content || content.length === 0) return { packages, warnings };
  const format = detectRpmDbFormat(content);
  if (!format) {
    warnings.push({ path, message: 'not an rpm database (no SQLite, ndb or Berkeley DB hash magic)' });
    return { packages, warnings };
  }
  let recordWarnings = 0;
  const warn = (message: string) => {
    recordWarnings++;
    if (recordWarnings <= MAX_RECORD_WARNINGS) warnings.push({ path, message });
  };
  const records: Iterable<DbRecord> =
    format === 'sqlite'
      ? readSqliteBlobs(content, wal)
      : format === 'ndb'
        ? readNdbBlobs(content)
        : readBdbHashValues(content);
  try {
    for (const record of records) {
      if (record.error !== undefined || !record.value) {
        warn(`${format} ${record.where}: ${record.error ?? 'no value'}`);
        continue;
      }
      try {
        const header = parseRpmHeader(record.value);
        if (header.name === 'gpg-pubkey') continue;
        packages.push(newRpmPackage(header, file, distro));
      } catch (err) {
        warn(`${format} ${record.where}: corrupt rpm header: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } catch (err) {
    // The database itself is unreadable from here on (bad metadata, malformed SQLite page).
    warnings.push({ path, message: `${format} rpmdb: ${err instanceof Error ? err.message : String(err)}` });
  }
  if (recordWarnings > MAX_RECORD_WARNINGS) {
    warnings.push({ path, message: `${recordWarnings - MAX_RECORD_WARNINGS} more corrupt records not listed` });
  }
  return { packages, warnings };
}
