import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { DbFormatError, type DbRecord } from './parse-bdb.js';

/**
 * rpm's sqlite backend (`rpmdb.sqlite`: Fedora 33+, RHEL 9, CBL-Mariner 2): table
 * `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`, one header blob per installed package.
 */

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function isSqlite(buf: Uint8Array): boolean {
  return buf.length >= 100 && SQLITE_MAGIC.equals(buf.subarray(0, 16));
}

/**
 * Reads every header blob. `wal` is the `rpmdb.sqlite-wal` beside it, if the image has a non-empty
 * one: its committed transactions are part of the database.
 *
 * Without a WAL the database is deserialized in memory (no disk, no host path involved). rpm keeps
 * the file in WAL mode (header bytes 18/19 = 2), which an in-memory database cannot open, so the copy
 * is marked rollback-journal first; the page content is untouched. With a WAL both files go to a
 * private temp directory, because only SQLite's file VFS replays a WAL.
 */
export function* readSqliteBlobs(buf: Uint8Array, wal?: Uint8Array): Generator<DbRecord> {
  if (!isSqlite(buf)) throw new DbFormatError('not an SQLite database');
  let db: Database.Database;
  let tempDir: string | undefined;
  try {
    if (wal && wal.length > 0) {
      tempDir = mkdtempSync(`${tmpdir()}/drydock-rpmdb-`);
      writeFileSync(`${tempDir}/rpmdb.sqlite`, buf);
      writeFileSync(`${tempDir}/rpmdb.sqlite-wal`, wal);
      // Not `readonly`: replaying a WAL needs its -shm index, which a read-only handle cannot create.
      // Only the private copy is written to.
      db = new Database(`${tempDir}/rpmdb.sqlite`, { fileMustExist: true });
    } else {
      const copy = Buffer.from(buf);
      copy[18] = 1;
      copy[19] = 1;
      db = new Database(copy, { readonly: true });
    }
  } catch (err) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw new DbFormatError(`cannot open: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    let rows: IterableIterator<unknown>;
    try {
      rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').iterate();
    } catch (err) {
      throw new DbFormatError(`no Packages table: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const row of rows) {
      const { hnum, blob } = row as { hnum: unknown; blob: unknown };
      const where = `hnum ${String(hnum)}`;
      yield blob instanceof Uint8Array ? { where, value: blob } : { where, error: 'blob is not binary' };
    }
  } finally {
    db.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}
