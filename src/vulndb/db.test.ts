import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DrydockError } from '../core/errors.js';
import { buildDatabase, defaultDbPath, VulnDb } from './db.js';
import { advisoriesFromOsv } from './importers/osv-record.js';
import { parseStructured } from './importers/structured-text.js';
import type { Advisory } from './types.js';

const VULNS = join(import.meta.dirname, '../../../shared/data/osv/pypi/vulns');

/** Real advisories to store: PyPA records read by the OSV reader (the database is what is under test). */
function real(...files: string[]): Advisory[] {
  return files.flatMap((f) => advisoriesFromOsv(parseStructured(readFileSync(join(VULNS, f), 'utf8'), f)).advisories);
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'drydock-db-')), 'db', 'drydock.db');

describe('defaultDbPath', () => {
  it('lives under the cache root', () => {
    assert.equal(defaultDbPath('/c/drydock'), '/c/drydock/db/drydock.db');
  });
});

describe('buildDatabase / VulnDb', () => {
  it('stores advisories and reads back exactly the same objects, by package and by alias', async () => {
    const path = tempDb();
    const input = real('lxml/PYSEC-2014-9.yaml', 'werkzeug/PYSEC-2023-221.yaml');
    await buildDatabase(path, (w) => {
      for (const a of input) assert.equal(w.add(a, 'test'), true);
      // The same (source, namespace, package, id) again is refused, not duplicated.
      assert.equal(w.add(input[0] as Advisory, 'test'), false);
    });
    const db = VulnDb.open(path);
    for (const a of input) {
      assert.deepEqual(db.advisoriesFor(a.namespace, a.package), [a]);
      for (const alias of a.aliases) assert.deepEqual(db.advisoriesById(alias), [a]);
    }
    assert.deepEqual(db.advisoriesFor('pypi', 'no-such-package'), []);
    db.close();
  });

  it('an import that throws midway leaves no database and no temp file', async () => {
    const path = tempDb();
    await assert.rejects(
      buildDatabase(path, (w) => {
        w.add(real('lxml/PYSEC-2014-9.yaml')[0] as Advisory, 'test');
        throw new Error('interrupted');
      }),
      /interrupted/,
    );
    assert.equal(existsSync(path), false);
    assert.deepEqual(readdirSync(join(path, '..')), []);
  });

  it('an import that throws midway leaves the previous database as it was', async () => {
    const path = tempDb();
    const first = real('lxml/PYSEC-2014-9.yaml');
    await buildDatabase(path, (w) => {
      for (const a of first) w.add(a, 'first');
    });
    await assert.rejects(
      buildDatabase(path, async (w) => {
        for (const a of real('werkzeug/PYSEC-2023-221.yaml')) w.add(a, 'second');
        throw new Error('interrupted');
      }),
    );
    const db = VulnDb.open(path);
    assert.equal(db.status().advisories, 1);
    assert.deepEqual(db.advisoriesFor('pypi', 'lxml'), first);
    db.close();
  });

  it('keeps sources a build does not touch, replaces those it does, and reports them', async () => {
    const path = tempDb();
    const lxml = real('lxml/PYSEC-2014-9.yaml')[0] as Advisory;
    const t0 = new Date('2024-01-01T00:00:00Z');
    await buildDatabase(path, (w) => void w.add({ ...lxml, source: 'feed-a' }, '/a'), { now: t0 });
    await buildDatabase(path, (w) => void w.add({ ...lxml, source: 'feed-b' }, '/b'), { now: t0 });
    const t1 = new Date('2024-01-02T00:00:00Z');
    // feed-a again, now without lxml's row: the old row must go.
    const werkzeug = real('werkzeug/PYSEC-2023-221.yaml')[0] as Advisory;
    await buildDatabase(path, (w) => void w.add({ ...werkzeug, source: 'feed-a' }, '/a2'), { now: t1 });
    const db = VulnDb.open(path);
    assert.deepEqual(
      db.advisoriesFor('pypi', 'lxml').map((a) => a.source),
      ['feed-b'],
    );
    const status = db.status(new Date('2024-01-03T00:00:00Z'));
    assert.deepEqual(
      status.sources.map((s) => [s.name, s.advisories, s.origin, s.ageMs / 3_600_000]),
      [
        ['feed-a', 1, '/a2', 24],
        ['feed-b', 1, '/b', 48],
      ],
    );
    assert.equal(status.advisories, 2);
    assert.equal(status.ageMs, 48 * 3_600_000);
    db.close();
  });

  it('a missing database is a DrydockError that says how to build one', () => {
    const path = tempDb();
    assert.throws(
      () => VulnDb.open(path),
      (e: unknown) =>
        e instanceof DrydockError && /no vulnerability database/.test(e.message) && /db import/.test(e.hint ?? ''),
    );
  });

  it('a corrupt database file is a one-line DrydockError, not a crash', () => {
    const path = tempDb();
    // Not an SQLite file at all (a half-copied or overwritten file).
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from('this is not an sqlite database, just text that happens to be here\n'.repeat(100)));
    assert.throws(
      () => VulnDb.open(path),
      (e: unknown) =>
        e instanceof DrydockError &&
        !e.toLine().includes('\n') &&
        e.toLine().includes(path) &&
        /not a usable vulnerability database/.test(e.message) &&
        /db import/.test(e.hint ?? ''),
    );
  });

  it('a database of another schema version is refused', async () => {
    const path = tempDb();
    await buildDatabase(path, () => undefined);
    const raw = new Database(path);
    raw.prepare("UPDATE metadata SET value = '999' WHERE key = 'schema_version'").run();
    raw.close();
    assert.throws(
      () => VulnDb.open(path),
      (e: unknown) => e instanceof DrydockError && /schema version 999/.test(e.message),
    );
    // A rebuild replaces it instead of extending it.
    await buildDatabase(path, (w) => {
      for (const a of real('lxml/PYSEC-2014-9.yaml')) w.add(a, 'x');
    });
    const db = VulnDb.open(path);
    assert.equal(db.status().schemaVersion, 1);
    db.close();
  });
});
