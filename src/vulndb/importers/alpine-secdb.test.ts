import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import { VulnDb } from '../db.js';
import { importPaths } from './import-paths.js';

const SECDB = join(import.meta.dirname, '../../../../shared/data/alpine-secdb');

interface SecdbFile {
  distroversion: string;
  packages: { pkg: { name: string; secfixes: Record<string, string[]> } }[] | null;
}

async function importAll(...paths: string[]) {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'drydock-secdb-')), 'drydock.db');
  const summary = await importPaths(paths, { dbPath });
  return { db: VulnDb.open(dbPath), summary, dbPath };
}

describe('Alpine secdb v3.3-v3.11 (JSON)', async () => {
  const dir = join(SECDB, 'alpine-secdb-json');
  const { db, summary } = await importAll(dir);
  const [result] = summary.imports;
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SecdbFile);

  it('reads every package entry of every branch file', () => {
    assert.equal(result?.format, 'alpine-secdb');
    // Rule: one record per packages[] entry (SOURCE.md: 1,652).
    const packages = files.reduce((n, f) => n + (f.packages?.length ?? 0), 0);
    assert.equal(packages, 1652);
    assert.equal(result?.read, packages);
    assert.equal(result?.imported, packages);
    assert.equal(db.status().advisories, result?.advisories);
  });

  it('writes one fixed advisory per (branch, package, CVE) named on a secfix line', () => {
    // Rule: every `CVE-YYYY-N` that starts a secfix line is an advisory of that package in that branch.
    for (const f of files.filter((x) => x.distroversion === 'v3.10')) {
      for (const { pkg } of f.packages ?? []) {
        const ids = new Set(
          Object.values(pkg.secfixes)
            .flat()
            .map((line) => /^CVE-\d{4}-\d+/.exec(line)?.[0])
            .filter((x) => x !== undefined),
        );
        const stored = new Set(db.advisoriesFor('alpine:3.10', pkg.name).map((a) => a.id));
        for (const id of ids) assert.ok(stored.has(id), `${pkg.name} ${id}`);
      }
    }
    const a = db.advisoriesFor('alpine:3.10', 'ansible').find((x) => x.id === 'CVE-2019-10206');
    assert.deepEqual(
      [a?.status, a?.fixedVersion, a?.ranges],
      ['fixed', '2.8.4-r0', [[{ introduced: '0' }, { fixed: '2.8.4-r0' }]]],
    );
  });

  it('keeps Xen XSA ids as aliases and warns about a secfix with no id', () => {
    const xen = db.advisoriesFor('alpine:3.10', 'xen').filter((a) => a.aliases.some((x) => x.startsWith('XSA-')));
    assert.ok(xen.length > 0);
    assert.deepEqual(
      result?.warnings.map((w) => w.reason),
      ['ansible: no advisory id in secfix "CVE 2018-16859" (2.7.3-r0)'],
    );
  });

  it('keeps both fixes of a CVE fixed in two upstream series (wireshark CVE-2017-15191, v3.10)', () => {
    const a = db.advisoriesFor('alpine:3.10', 'wireshark').find((x) => x.id === 'CVE-2017-15191');
    assert.deepEqual(a?.ranges, [
      [{ introduced: '0' }, { fixed: '2.4.2-r0' }],
      [{ introduced: '0' }, { fixed: '2.2.10-r0' }],
    ]);
    assert.equal(a?.fixedVersion, '2.2.10-r0');
  });
});

describe('Alpine secdb, other shapes', () => {
  it('reads the YAML originals to the same rows as the JSON conversion', async () => {
    const yaml = await importAll(join(SECDB, 'alpine-secdb-yaml'));
    const json = await importAll(join(SECDB, 'alpine-secdb-json'));
    for (const [pkg, ns] of [
      ['openssl', 'alpine:3.9'],
      ['busybox', 'alpine:3.11'],
    ] as const) {
      assert.deepEqual(yaml.db.advisoriesFor(ns, pkg), json.db.advisoriesFor(ns, pkg));
    }
    assert.equal(yaml.summary.imports[0]?.advisories, json.summary.imports[0]?.advisories);
  });

  it('files Wolfi (no branch) under wolfi', async () => {
    const { db, summary } = await importAll(join(SECDB, 'samples/vunnel__wolfi-security.json'));
    assert.equal(summary.imports[0]?.format, 'alpine-secdb');
    assert.ok(db.advisoriesFor('wolfi', 'binutils').some((a) => a.id === 'CVE-2022-38533'));
  });

  it('refuses an unrecognised path before touching the database', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'drydock-secdb-')), 'drydock.db');
    await assert.rejects(
      importPaths([join(SECDB, 'alpine-secdb-json'), join(SECDB, 'SOURCE.md')], { dbPath }),
      (e: unknown) => e instanceof DrydockError && e.where === join(SECDB, 'SOURCE.md'),
    );
    assert.equal(existsSync(dbPath), false);
  });
});
