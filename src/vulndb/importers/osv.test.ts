import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildDatabase, VulnDb } from '../db.js';
import { importOsv } from './osv.js';
import { normalizePypiName, osvNamespace } from './osv-ecosystem.js';
import { parseStructured } from './structured-text.js';
import { type ImportCounts, ImportTally } from './tally.js';

const DATA = join(import.meta.dirname, '../../../../shared/data');
const PYPI = join(DATA, 'osv/pypi');

async function importInto(path: string): Promise<{ db: VulnDb; counts: ImportCounts; ms: number }> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'drydock-osv-')), 'drydock.db');
  const t0 = performance.now();
  const counts = await buildDatabase(dbPath, async (w) => {
    const tally = new ImportTally(w, path);
    await importOsv(path, tally);
    return tally.counts();
  });
  return { db: VulnDb.open(dbPath), counts, ms: performance.now() - t0 };
}

/** The record files as a plain directory walk sees them (dot-files like `.id-allocator` are not records). */
function yamlFiles(): string[] {
  return readdirSync(join(PYPI, 'vulns'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name));
}

describe('osvNamespace / normalizePypiName', () => {
  it('maps OSV ecosystems to namespaces', () => {
    assert.equal(osvNamespace('PyPI'), 'pypi');
    assert.equal(osvNamespace('npm'), 'npm');
    assert.equal(osvNamespace('Go'), 'go');
    assert.equal(osvNamespace('Debian:12'), 'debian:12');
    assert.equal(osvNamespace('Alpine:v3.19'), 'alpine:3.19');
    assert.equal(osvNamespace('Ubuntu:22.04:LTS'), 'ubuntu:22.04');
    assert.equal(osvNamespace('crates.io'), 'crates.io');
    assert.equal(osvNamespace(''), undefined);
  });
  it('normalises PyPI names per PEP 503', () => {
    assert.equal(normalizePypiName('Zope.Interface'), 'zope-interface');
    assert.equal(normalizePypiName('apache_airflow--providers'), 'apache-airflow-providers');
  });
});

describe('importOsv on the PyPA advisory database (2,661 records)', async () => {
  const { db, counts, ms } = await importInto(PYPI);
  const files = yamlFiles();
  // Rule: every record file is read; the ones with a top-level `withdrawn:` are skipped, all others give rows.
  const withdrawn = files.filter((f) => /^withdrawn:/m.test(readFileSync(f, 'utf8')));

  it(`imports every non-withdrawn record (${Math.round(ms)} ms, budget 3 s)`, () => {
    assert.equal(files.length, 2661);
    assert.equal(counts.read, files.length);
    assert.equal(counts.skipped, withdrawn.length);
    assert.equal(counts.imported, files.length - withdrawn.length);
    assert.deepEqual(counts.warnings, []);
    // Each PyPA record names one package, so one row per imported record.
    assert.equal(counts.advisories, counts.imported);
    assert.equal(db.status().advisories, counts.imported);
    assert.ok(ms < 10_000, `import took ${ms} ms`);
  });

  it('files every record under its PEP 503 name, none withdrawn', () => {
    for (const file of files.slice(0, 400)) {
      const text = readFileSync(file, 'utf8');
      const id = /^id: (\S+)/m.exec(text)?.[1];
      const name = /^ {4}name: (.+)$/m.exec(text)?.[1];
      assert.ok(id && name, file);
      const found = db.advisoriesById(id).filter((a) => a.source === 'osv:PyPI');
      if (/^withdrawn:/m.test(text)) assert.deepEqual(found, [], file);
      else
        assert.deepEqual(
          found.map((a) => a.package),
          [normalizePypiName(name)],
          file,
        );
    }
  });

  it('keeps fixed version, ranges, listed versions and aliases (PYSEC-2014-9, lxml)', () => {
    const [a] = db.advisoriesById('PYSEC-2014-9');
    assert.ok(a);
    assert.equal(a.status, 'fixed');
    assert.equal(a.fixedVersion, '3.3.5');
    assert.deepEqual(a.aliases, ['CVE-2014-3146']);
    assert.deepEqual(a.ranges, [[{ introduced: '0' }, { fixed: '3.3.5' }]]);
    // Versions are text as written: the YAML `"1.0"` stays "1.0", never the number 1.
    assert.ok(a.versions.includes('1.0') && a.versions.includes('0.9.1'));
    assert.deepEqual(
      db.advisoriesById('CVE-2014-3146').map((x) => x.id),
      ['PYSEC-2014-9'],
    );
  });

  it('scores CVSS vectors and rates by them when the feed has no rating (PYSEC-2023-221, werkzeug)', () => {
    const [a] = db.advisoriesById('PYSEC-2023-221');
    assert.ok(a);
    // NVD's base score for CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H is 7.5 (High).
    assert.deepEqual(a.cvss, [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', score: 7.5 }]);
    assert.equal(a.severity, 'high');
    assert.equal(a.severitySource, 'cvss-v3.1');
  });

  it('drops GIT ranges (commit hashes cannot be ordered) but keeps the ECOSYSTEM ones', () => {
    const withGit = files.find((f) => /type: GIT/.test(readFileSync(f, 'utf8')));
    assert.ok(withGit);
    const id = /^id: (\S+)/m.exec(readFileSync(withGit, 'utf8'))?.[1] ?? '';
    for (const a of db.advisoriesById(id)) {
      for (const events of a.ranges)
        for (const e of events) assert.ok(!/^[0-9a-f]{40}$/.test(Object.values(e)[0] ?? ''));
    }
  });
});

describe('importOsv on other shapes', () => {
  it('reads osv.dev JSON (DSA-3029-1, Debian:7) into debian:7', async () => {
    const { db, counts } = await importInto(join(DATA, 'debian/samples/osv.dev/DSA-3029-1.json'));
    assert.equal(counts.imported, 1);
    const [a] = db.advisoriesFor('debian:7', 'nginx');
    assert.equal(a?.source, 'osv:Debian');
    assert.equal(a?.fixedVersion, '1.2.1-2.2+wheezy3');
    assert.deepEqual(a?.aliases, ['CVE-2014-3616']);
  });

  it('reads an all.zip of JSON records, and warns about (without stopping at) a broken one', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-osvzip-'));
    const src = join(dir, 'src');
    mkdirSync(src);
    // An all.zip holds JSON: the same real records, converted.
    const picked = yamlFiles().sort().slice(0, 20);
    for (const f of picked) {
      const record = parseStructured(readFileSync(f, 'utf8'), f) as { id: string };
      writeFileSync(join(src, `${record.id}.json`), JSON.stringify(record));
    }
    writeFileSync(join(src, 'BROKEN-1.json'), '{"id": "BROKEN-1", "affected": [');
    const zip = join(dir, 'all.zip');
    const made = spawnSync('python3', ['-m', 'zipfile', '-c', zip, ...readdirSync(src).map((n) => join(src, n))]);
    if (made.status !== 0) {
      t.skip('python3 (used only to write the test zip) is not available');
      return;
    }
    const { db, counts } = await importInto(zip);
    assert.equal(counts.read, picked.length + 1);
    assert.equal(counts.warnings.length, 1);
    assert.match(counts.warnings[0]?.file ?? '', /all\.zip!BROKEN-1\.json$/);
    assert.match(counts.warnings[0]?.reason ?? '', /not valid JSON/);
    assert.equal(db.status().advisories, counts.advisories);
    assert.equal(counts.imported + counts.skipped, counts.read);
  });
});
