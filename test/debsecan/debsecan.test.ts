import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DpkgCataloger } from '../../src/catalog/dpkg/cataloger.js';
import type { Distro, Package } from '../../src/catalog/package.js';
import type { VulnerabilityFinding } from '../../src/match/finding.js';
import { matchPackages } from '../../src/match/match-packages.js';
import { fileViewOf, openSource } from '../../src/sources/index.js';
import { VulnDb } from '../../src/vulndb/db.js';
import { importPaths } from '../../src/vulndb/importers/import-paths.js';
import type { Advisory } from '../../src/vulndb/types.js';
import { run, TestbedUnavailableError } from '../testbed/exec.js';
import { testImagesOrSkip } from '../testbed/images.js';
import { type DebsecanOptions, isUnimportant, toDebsecanData } from './debsecan-format.js';

/*
 * debsecan (apt) as an independent oracle for drydock's Debian matching: both read the same advisory
 * rows (drydock's database, written out as debsecan's data file) and the same dpkg status file, and
 * must report the same (binary package, CVE) pairs. What is compared is the matching itself: which
 * installed package belongs to which source package, source vs binary version, dpkg version order
 * (debsecan uses python3-apt's apt_pkg.version_compare), fixed vs open entries.
 */

const DEBIAN = join(import.meta.dirname, '../../../shared/data/debian');
const INPUTS = [
  join(DEBIAN, 'vuln-list-debian'),
  join(DEBIAN, 'security-tracker-lists/DSA.list'),
  join(DEBIAN, 'security-tracker-lists/DLA.list'),
];
const SUITE = 'bookworm';
const NAMESPACE = 'debian:12';
const DISTRO: Distro = { id: 'debian', versionId: '12' };
const STATUS = 'var/lib/dpkg/status';

interface Fixture {
  readonly dir: string;
  readonly db: VulnDb;
  readonly advisories: readonly Advisory[];
}

/** Every advisory row of the namespace. VulnDb answers per package only, so the package list is read with SQL. */
function namespaceAdvisories(db: VulnDb): Advisory[] {
  const raw = new Database(db.path, { readonly: true, fileMustExist: true });
  try {
    const packages = raw
      .prepare<[string], string>('SELECT DISTINCT package FROM advisories WHERE namespace = ? ORDER BY package')
      .pluck()
      .all(NAMESPACE);
    return packages.flatMap((p) => db.advisoriesFor(NAMESPACE, p));
  } finally {
    raw.close();
  }
}

/** Writes the suite's data file into its own directory; returns the `--source` URL debsecan reads `<url><suite>` from. */
function writeDebsecanSource(fixture: Fixture, name: string, options: DebsecanOptions): string {
  const data = toDebsecanData(fixture.advisories, options);
  // Every row must have a line, except those the tracker's own feed leaves out (debsecan-format.ts).
  const lost = data.omitted.filter((o) => o.reason === 'unrepresentable' || o.reason === 'fixed-without-version');
  assert.deepEqual(lost, [], 'advisories debsecan cannot express');
  const dir = join(fixture.dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, SUITE), data.bytes);
  return `file://${dir}/`;
}

/** debsecan's `simple` format: one `CVE binary-package` line per vulnerable (package, vulnerability). */
async function debsecanPairs(
  fixture: Fixture,
  source: string,
  statusFile: string,
  onlyFixed = false,
): Promise<string[]> {
  // An empty config and a missing whitelist: the host's /etc/default/debsecan and whitelist stay out of it.
  const config = join(fixture.dir, 'debsecan.conf');
  writeFileSync(config, '');
  const args = ['--config', config, '--whitelist', join(fixture.dir, 'no-whitelist'), '--suite', SUITE];
  args.push('--source', source, '--status', statusFile, '--format', 'simple');
  if (onlyFixed) args.push('--only-fixed');
  const { stdout, stderr } = await run('debsecan', args, { timeoutMs: 60_000 });
  assert.equal(stderr, '', 'debsecan stderr');
  const pairs = stdout
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [vuln, pkg, ...rest] = line.split(' ');
      assert.ok(vuln && pkg && rest.length === 0, `unexpected debsecan line "${line}"`);
      return `${pkg} ${vuln}`;
    });
  return [...new Set(pairs)].sort();
}

/** The dpkg cataloger's packages (parseDpkgStatus inside) for one status file's bytes. */
async function dpkgPackages(content: Buffer): Promise<readonly Package[]> {
  const entry = { path: STATUS, type: 'file' as const, mode: 0o644, uid: 0, gid: 0, size: content.length };
  const result = await DpkgCataloger.catalog({ files: new Map([[STATUS, { entry, content }]]), distro: DISTRO });
  assert.deepEqual(result.warnings, []);
  // Independent count: stanzas whose Status says installed (debsecan's rule: the word `installed`).
  const installed = content
    .toString('utf8')
    .split(/\n\n+/)
    .filter((s) => /^Status: \S+ \S+ installed$/m.test(s)).length;
  assert.equal(result.packages.length, installed, 'installed packages');
  return result.packages;
}

const pairOf = (f: VulnerabilityFinding) => `${f.package.name} ${f.id}`;

/** The finding's advisory rows, found back by (source, id, source package). */
function rowsOf(f: VulnerabilityFinding, advisories: readonly Advisory[]): Advisory[] {
  const pkg = f.package.sourceName ?? f.package.name;
  return f.advisories.map((ref) => {
    const row = advisories.find((a) => a.id === ref.id && a.source === ref.source && a.package === pkg);
    assert.ok(row, `${pairOf(f)}: no row ${ref.source} ${ref.id}`);
    return row;
  });
}

async function debsecanAvailable(t: { skip(message?: string): void }): Promise<boolean> {
  try {
    await run('debsecan', ['--help']);
    return true;
  } catch (e) {
    // CI installs debsecan (.ci/run): there a missing tool is a failure, like the rest of the testbed.
    if (e instanceof TestbedUnavailableError && process.env.DRYDOCK_TESTBED_REQUIRED !== '1') {
      t.skip('debsecan is not installed (apt-get install debsecan)');
      return false;
    }
    throw e;
  }
}

/**
 * Runs both on one status file and compares: (1) with the tracker's feed rules, (2) with unimportant
 * issues written too, (3) the `--only-fixed` subset against drydock's `fixed` findings.
 */
async function compare(
  t: { diagnostic(message: string): void },
  fixture: Fixture & Sources,
  label: string,
  status: Buffer,
): Promise<void> {
  const statusFile = join(fixture.dir, `${label}.status`);
  // One copy for both tools: the host's status can change while the test runs (apt in another shell).
  writeFileSync(statusFile, status);
  const packages = await dpkgPackages(status);
  const findings = matchPackages(packages, DISTRO, fixture.db);
  const drydockAll = [...new Set(findings.map(pairOf))].sort();

  // (1) Rule: the tracker's feed drops issues whose urgency is `unimportant` (security_db.py
  // calculateDebsecan1), so debsecan cannot report them; drydock reports them with severity info.
  // Excluded: exactly the findings whose every advisory row is rated unimportant.
  const unimportantOnly = findings.filter((f) => rowsOf(f, fixture.advisories).every(isUnimportant));
  const excluded = new Set(unimportantOnly.map(pairOf));
  const drydock = drydockAll.filter((p) => !excluded.has(p));
  const tracker = await debsecanPairs(fixture, fixture.trackerSource, statusFile);
  assert.deepEqual(drydock, tracker, `${label}: drydock vs debsecan (tracker feed rules)`);

  // (2) With unimportant issues in the file there is nothing to exclude.
  const everything = await debsecanPairs(fixture, fixture.fullSource, statusFile);
  assert.deepEqual(drydockAll, everything, `${label}: drydock vs debsecan (unimportant included)`);

  // (3) debsecan's `F` flag is "the suite has a fix" (advisory status fixed); drydock says `fixed`
  // when a fix above the installed version is known. Same advisories, so the same subset.
  const fixedDrydock = [...new Set(findings.filter((f) => f.status === 'fixed').map(pairOf))].sort();
  const fixedDebsecan = await debsecanPairs(fixture, fixture.fullSource, statusFile, true);
  assert.deepEqual(fixedDrydock, fixedDebsecan, `${label}: fixed findings vs debsecan --only-fixed`);

  t.diagnostic(
    `${label}: ${packages.length} packages; drydock ${drydockAll.length} pairs (${excluded.size} unimportant-only: ` +
      `${[...excluded].join(', ')}); debsecan ${tracker.length} with the tracker's rules, ${everything.length} with ` +
      `unimportant; ${fixedDebsecan.length} with a fix`,
  );
  assert.ok(drydockAll.length > 0, `${label}: no findings at all: nothing was compared`);
}

interface Sources {
  readonly trackerSource: string;
  readonly fullSource: string;
}

describe('drydock vs debsecan on the same advisories and dpkg status', () => {
  let fixture: (Fixture & Sources) | undefined;

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-debsecan-'));
    const dbPath = join(dir, 'drydock.db');
    await importPaths(INPUTS, { dbPath, fresh: true });
    const db = VulnDb.open(dbPath);
    const base = { dir, db, advisories: namespaceAdvisories(db) };
    fixture = {
      ...base,
      trackerSource: writeDebsecanSource(base, 'tracker', {}),
      fullSource: writeDebsecanSource(base, 'full', { includeUnimportant: true }),
    };
  });

  it('writes a data file debsecan accepts, with every bookworm row', async (t) => {
    if (!(await debsecanAvailable(t)) || !fixture) return;
    const data = toDebsecanData(fixture.advisories, { includeUnimportant: true });
    // Rule: every row has at least one line except <not-affected> ones (the tracker's feed has none either).
    const skipped = data.omitted.map((o) => `${o.package} ${o.id} ${o.reason}`);
    const notAffected = fixture.advisories.filter((a) => a.status === 'not-affected');
    assert.deepEqual(
      skipped,
      notAffected.map((a) => `${a.package} ${a.id} not-affected`),
    );
    const text = data.text.split('\n');
    assert.equal(text[0], 'VERSION 1');
    t.diagnostic(
      `${fixture.advisories.length} ${NAMESPACE} rows → ${data.vulnerabilities} vulnerabilities, ${data.entries} ` +
        `package lines; omitted: ${skipped.join(', ') || 'none'}`,
    );
    assert.ok(fixture.advisories.length >= 30, `only ${fixture.advisories.length} ${NAMESPACE} rows`);
  });

  it('agrees on this bookworm host’s own /var/lib/dpkg/status', async (t) => {
    if (!(await debsecanAvailable(t)) || !fixture) return;
    const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
    if (!/^ID=debian$/m.test(osRelease) || !/^VERSION_ID="?12"?$/m.test(osRelease) || !existsSync(`/${STATUS}`)) {
      t.skip('not a Debian 12 host');
      return;
    }
    await compare(t, fixture, 'host', readFileSync(`/${STATUS}`));
  });

  it('agrees on the bookworm test image’s dpkg status', { timeout: 600_000 }, async (t) => {
    if (!(await debsecanAvailable(t)) || !fixture) return;
    const images = await testImagesOrSkip(t);
    if (!images) return;
    const source = await openSource(`docker-archive:${images.dockerArchive.path}`);
    const view = fileViewOf(source, await source.resolve());
    let status: Buffer | undefined;
    await view.walk(
      (e) => e.path === STATUS,
      (e, content) => {
        if (e.path === STATUS && content) status = content;
      },
    );
    assert.ok(status, `the image has no ${STATUS}`);
    await compare(t, fixture, 'image', status);
  });
});
