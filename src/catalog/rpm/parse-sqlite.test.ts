import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { parseRpmDb } from './parse-rpmdb.js';
import { fileAt, hasRpm, makeHeader, oracleLine, rpmQueryAll, SKIP_NO_RPM, sharedRpmDb } from './testdata/oracle.js';

const SOURCE = sharedRpmDb('go-rpmdb__cbl-mariner-2.0/rpmdb.sqlite');
const MARINER = { id: 'mariner', versionId: '2.0' };
const tmp = mkdtempSync(join(tmpdir(), 'drydock-rpmsq-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A private, writable copy of the fixture (the shared one is read-only and must stay untouched). */
function copy(name: string): string {
  const path = join(tmp, name);
  copyFileSync(SOURCE ?? '', path);
  return path;
}

/** Rows minus gpg-pubkey keys, counted by SQLite itself from rpm's Name index. */
function expectedCount(path: string): number {
  const db = new Database(path, { readonly: true });
  const { n } = db.prepare('SELECT count(*) AS n FROM Packages').get() as { n: number };
  const { k } = db.prepare(`SELECT count(*) AS k FROM Name WHERE key = 'gpg-pubkey'`).get() as { k: number };
  db.close();
  return n - k;
}

describe('sqlite rpmdb', { skip: !SOURCE && '../shared/data/pkgdb absent' }, () => {
  it('cbl-mariner-2.0: every row but gpg-pubkey keys', () => {
    const path = copy('count.sqlite');
    const expected = expectedCount(path);
    assert.equal(expected, 129);
    const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/rpmdb.sqlite', readFileSync(SOURCE ?? '')), MARINER);
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, expected);
    const ca = packages.find((p) => p.name === 'ca-certificates-shared');
    assert.equal(ca?.purl, 'pkg:rpm/mariner/ca-certificates-shared@2.0.0-1.cm2?arch=noarch&distro=mariner-2.0&epoch=1');
    assert.deepEqual(ca?.metadata, {
      release: '1.cm2',
      arch: 'noarch',
      epoch: 1,
      sourceName: 'ca-certificates',
      installedSize: ca?.metadata.installedSize,
      licenses: ['MPLv2.0'],
    });
  });

  it('cbl-mariner-2.0: the same packages as rpm -qa', { skip: !hasRpm && SKIP_NO_RPM }, () => {
    const { packages } = parseRpmDb(fileAt('var/lib/rpm/rpmdb.sqlite', readFileSync(SOURCE ?? '')), MARINER);
    assert.deepEqual(packages.map(oracleLine).sort(), rpmQueryAll(SOURCE ?? '', 'sqlite'));
  });

  it('skips gpg-pubkey pseudo-packages', () => {
    const path = copy('gpg.sqlite');
    const db = new Database(path);
    // An imported signing key as rpm stores it: NAME gpg-pubkey, VERSION = key id, no ARCH.
    const key = makeHeader([
      [1000, 'gpg-pubkey'],
      [1001, '3135ce90'],
      [1002, '5e6fda74'],
      [1014, 'pubkey'],
    ]);
    db.prepare('INSERT INTO Packages (blob) VALUES (?)').run(key);
    db.prepare(`INSERT INTO Name (key, hnum, idx) VALUES ('gpg-pubkey', last_insert_rowid(), 0)`).run();
    db.close();
    const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/rpmdb.sqlite', readFileSync(path)), MARINER);
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, expectedCount(path));
    assert.equal(packages.length, 129);
  });

  it('a corrupted header (bytes flipped) is a warning naming the file and row; the rest are kept', () => {
    const path = copy('corrupt.sqlite');
    const db = new Database(path);
    const { hnum, blob } = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum LIMIT 1 OFFSET 10').get() as {
      hnum: number;
      blob: Buffer;
    };
    const bad = Buffer.from(blob);
    for (let i = 8; i < 8 + 16 * 4; i++) bad[i] = (bad[i] ?? 0) ^ 0xff; // the first four index entries
    db.prepare('UPDATE Packages SET blob = ? WHERE hnum = ?').run(bad, hnum);
    db.close();
    const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/rpmdb.sqlite', readFileSync(path)), MARINER);
    assert.equal(packages.length, 128);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.path, 'var/lib/rpm/rpmdb.sqlite');
    assert.match(warnings[0]?.message ?? '', new RegExp(`^sqlite hnum ${hnum}: corrupt rpm header: `));
  });

  it('reads transactions still in the WAL', () => {
    const path = copy('wal.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec(`INSERT INTO Packages (blob) SELECT blob FROM Packages WHERE hnum = (SELECT min(hnum) FROM Packages)`);
    // Copied while the writer is still open, as an image build would leave them: not checkpointed.
    const main = readFileSync(path);
    const wal = readFileSync(`${path}-wal`);
    db.close();
    assert.ok(wal.length > 0);
    const file = fileAt('var/lib/rpm/rpmdb.sqlite', main);
    assert.equal(parseRpmDb(file, MARINER).packages.length, 129);
    assert.equal(parseRpmDb(file, MARINER, wal).packages.length, 130);
  });

  it('a truncated database keeps what it read, or warns', () => {
    const content = readFileSync(SOURCE ?? '');
    for (const size of [100, 4096, 1_000_000, 3_000_000]) {
      const { warnings } = parseRpmDb(fileAt('var/lib/rpm/rpmdb.sqlite', content.subarray(0, size)), MARINER);
      assert.ok(warnings.length > 0, `cut at ${size}`);
      assert.match(warnings[0]?.message ?? '', /^sqlite/);
    }
  });
});
