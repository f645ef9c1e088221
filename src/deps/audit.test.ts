import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as pep440 from '@renovatebot/pep440';
import { parse as parseYaml } from 'yaml';
import { auditDependencies, type DepsReport } from './audit.js';

const DATA = join(import.meta.dirname, '../../../shared/data');
const OSV_PYPI = join(DATA, 'osv/pypi');
const TESTDATA = join(import.meta.dirname, 'testdata');
const T = 'src/deps/testdata';

interface OsvYaml {
  id: string;
  withdrawn?: string;
  affected?: {
    package: { name: string; ecosystem: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
}

const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');

function readRecords(): Map<string, OsvYaml[]> {
  const byPackage = new Map<string, OsvYaml[]>();
  const vulns = join(OSV_PYPI, 'vulns');
  for (const dir of readdirSync(vulns, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(vulns, dir.name))) {
      if (!file.endsWith('.yaml')) continue;
      const r = parseYaml(readFileSync(join(vulns, dir.name, file), 'utf8')) as OsvYaml;
      for (const a of r.affected ?? []) {
        if (a.package.ecosystem !== 'PyPI') continue;
        const key = norm(a.package.name);
        byPackage.set(key, [...(byPackage.get(key) ?? []), r]);
      }
    }
  }
  return byPackage;
}

/**
 * The expectation, written out pairwise with the PEP 440 library (not the OSV walk the matcher uses): a
 * version v is affected by a record when an affected entry for the package lists a version equal to v,
 * or an ECOSYSTEM range has an `introduced` I ("0" = all) with I <= v and the next event is a `fixed` F
 * with v < F, a `last_affected` L with v <= L, or nothing.
 */
function affectedBy(records: readonly OsvYaml[], name: string, v: string): string[] {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.withdrawn) continue;
    for (const a of r.affected ?? []) {
      if (a.package.ecosystem !== 'PyPI' || norm(a.package.name) !== norm(name)) continue;
      if ((a.versions ?? []).some((x) => pep440.valid(x) && pep440.eq(x, v))) ids.add(r.id);
      for (const range of a.ranges ?? []) {
        if (range.type !== 'ECOSYSTEM') continue;
        range.events.forEach((e, i) => {
          if (e.introduced === undefined || (e.introduced !== '0' && pep440.lt(v, e.introduced))) return;
          const next = range.events[i + 1];
          if (
            next === undefined ||
            (next.fixed !== undefined && pep440.lt(v, next.fixed)) ||
            (next.last_affected !== undefined && pep440.lte(v, next.last_affected))
          ) {
            ids.add(r.id);
          }
        });
      }
    }
  }
  return [...ids].sort();
}

/** The smallest `fixed` version any record names that is above v, not a pre-release, clean, and allowed. */
function expectedUpgrade(
  records: readonly OsvYaml[],
  name: string,
  v: string,
  constraints: readonly string[],
): string | undefined {
  const fixes = new Set<string>();
  for (const r of records) {
    for (const a of r.affected ?? []) {
      if (norm(a.package.name) !== norm(name)) continue;
      for (const range of a.ranges ?? []) {
        if (range.type !== 'ECOSYSTEM') continue;
        for (const e of range.events) if (e.fixed !== undefined) fixes.add(e.fixed);
      }
    }
  }
  return [...fixes]
    .filter((f) => pep440.valid(f) && pep440.gt(f, v) && !pep440.explain(f)?.is_prerelease)
    .filter((f) => affectedBy(records, name, f).length === 0)
    .filter((f) => constraints.every((c) => pep440.satisfies(f, c)))
    .sort(pep440.compare)[0];
}

/** Every pin in the fixtures, written down by hand (not read by drydock's parsers): file, line, name, version, other constraints. */
const PINS: [string, number, string, string, string[]][] = [
  [`${T}/app/requirements.txt`, 6, 'Django', '4.2.7', ['<4.3']],
  [`${T}/app/requirements.txt`, 7, 'gunicorn', '20.1.0', []],
  [`${T}/app/requirements.txt`, 8, 'celery', '5.2.1', []],
  [`${T}/app/requirements.txt`, 9, 'requests', '2.25.1', []],
  [`${T}/app/requirements.txt`, 13, 'Jinja2', '2.11.3', []],
  [`${T}/app/requirements/base.txt`, 2, 'Werkzeug', '2.2.2', []],
  [`${T}/app/requirements/base.txt`, 3, 'Pillow', '9.0.0', ['<10']],
  [`${T}/app/requirements/base.txt`, 4, 'cryptography', '3.3.2', []],
  [`${T}/app/constraints.txt`, 4, 'urllib3', '1.26.5', ['>=1.26,<2']],
  [`${T}/broken/requirements-unterminated.txt`, 1, 'Flask', '2.0.1', []],
  [`${T}/broken/requirements-unterminated.txt`, 2, 'requests', '2.25.1', []],
  [`${T}/broken/requirements-cycle-a.txt`, 1, 'Django', '3.2.1', []],
  [`${T}/broken/requirements-cycle-b.txt`, 1, 'Jinja2', '2.11.2', []],
  [`${T}/broken/requirements-unknown-option.txt`, 1, 'Werkzeug', '2.0.0', []],
  [`${T}/broken/requirements-unknown-option.txt`, 3, 'PyYAML', '5.3', []],
  [`${T}/tricky/requirements.txt`, 2, 'Flask', '2.0.1', []],
  [`${T}/tricky/requirements.txt`, 4, 'requests', '2.25.1', []],
  [`${T}/tricky/requirements.txt`, 7, 'six', '1.16.0', []],
  [`${T}/tricky/requirements.txt`, 8, 'simplejson', '3.17.6', []],
  [`${T}/tricky/requirements.txt`, 10, 'zope.interface', '5.4.0', []],
  [`${T}/tricky/more.txt`, 1, 'attrs', '21.2.0', []],
  ['examples/migrate-platform/requirements.txt', 1, 'Django', '4.2.7', []],
  ['examples/migrate-platform/requirements.txt', 2, 'gunicorn', '21.2.0', []],
  ['examples/migrate-platform/requirements.txt', 3, 'psycopg2', '2.9.9', []],
  [`${T}/poetry-app/poetry.lock`, 5, 'django', '4.2.7', ['>=4.2,<5.0']],
  [`${T}/poetry-app/poetry.lock`, 15, 'pyjwt', '1.7.1', []],
  [`${T}/poetry-app/poetry.lock`, 24, 'requests', '2.31.0', ['>=2.25,<3']],
  [`${T}/uv-app/uv.lock`, 6, 'flask', '2.2.2', []],
  [`${T}/uv-app/uv.lock`, 12, 'jinja2', '3.1.2', ['>=3.1']],
  [`${T}/pipenv-app/Pipfile.lock`, 14, 'urllib3', '1.26.4', []],
  [`${T}/pipenv-app/Pipfile.lock`, 18, 'pyyaml', '5.3.1', []],
];

describe('drydock deps against the real PyPA advisories (osv/pypi, 2,661 records)', () => {
  let report: DepsReport;
  let records: Map<string, OsvYaml[]>;
  let elapsed = 0;
  before(async () => {
    records = readRecords();
    const started = performance.now();
    report = await auditDependencies([T, 'examples/migrate-platform'], { osv: [OSV_PYPI, join(TESTDATA, 'npm-osv')] });
    elapsed = performance.now() - started;
  });

  it('every pin: the advisories drydock reports are exactly those PEP 440 containment finds', () => {
    const wrong: string[] = [];
    let vulnerable = 0;
    let advisories = 0;
    for (const [path, line, name, version] of PINS) {
      const expected = affectedBy(records.get(norm(name)) ?? [], name, version);
      const pin = report.vulnerablePins.find((p) => p.path === path && p.line === line);
      const got = pin ? [...new Set(pin.assessment.vulnerabilities.flatMap((v) => v.advisories))].sort() : [];
      if (pin && (pin.name !== name || pin.version !== version))
        wrong.push(`${path}:${line}: read ${pin.name} ${pin.version}`);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        wrong.push(`${path}:${line} ${name} ${version}: ${got} vs ${expected}`);
      if (expected.length > 0) vulnerable++;
      advisories += expected.length;
    }
    assert.deepEqual(wrong, []);
    console.log(`${PINS.length} pins compared: ${vulnerable} vulnerable, ${advisories} advisories, all equal`);
    // The fixtures are realistic: most of their pins are vulnerable today.
    assert.ok(vulnerable >= 19, `${vulnerable} of ${PINS.length} pins vulnerable, ${advisories} advisories`);
    const reported = report.vulnerablePins.filter((p) => p.ecosystem === 'pypi').length;
    assert.equal(reported, vulnerable, 'no vulnerable pin outside the hand-written list');
  });

  it('every vulnerable pin: the upgrade is the smallest fixed, clean version the other constraints allow', () => {
    const wrong: string[] = [];
    for (const [path, line, name, version, constraints] of PINS) {
      const recs = records.get(norm(name)) ?? [];
      if (affectedBy(recs, name, version).length === 0) continue;
      const expected = expectedUpgrade(recs, name, version, constraints);
      const pin = report.vulnerablePins.find((p) => p.path === path && p.line === line);
      const got = pin?.assessment.upgrade;
      if (got !== expected) wrong.push(`${path}:${line} ${name} ${version}: ${got} vs ${expected}`);
      const finding = report.findings.find(
        (f) => f.ruleId === 'DP1004' && f.location.path === path && f.location.line === line,
      );
      if (!finding) wrong.push(`${path}:${line}: no DP1004 finding`);
      else if (expected !== undefined && !finding.message.includes(expected))
        wrong.push(`${path}:${line}: message lacks ${expected}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('Pillow<10: no fix satisfies the constraint, and the finding says which one and where', () => {
    const f = report.findings.find(
      (x) => x.ruleId === 'DP1004' && x.location.path.endsWith('app/requirements/base.txt') && x.location.line === 3,
    );
    assert.ok(f);
    assert.match(
      f.message,
      /10\.0\.1 fixes them but is excluded by <10 \(src\/deps\/testdata\/app\/constraints\.txt:3\)$/,
    );
    assert.equal(f.fix, undefined);
  });

  it('fixable pins carry an edit of just the version text; hashed and locked pins do not', () => {
    const fix = (path: string, line: number) =>
      report.findings.find((x) => x.ruleId === 'DP1004' && x.location.path === path && x.location.line === line)?.fix;
    assert.deepEqual(
      fix(`${T}/app/requirements.txt`, 6)?.edits.map((e) => e.text),
      ['4.2.16'],
    );
    assert.equal(fix(`${T}/app/requirements.txt`, 9), undefined, 'requests has --hash values');
    assert.equal(fix(`${T}/poetry-app/poetry.lock`, 5), undefined, 'lock files are regenerated, not edited');
    const message = report.findings.find(
      (x) => x.location.path === `${T}/poetry-app/poetry.lock` && x.location.line === 5,
    )?.message;
    assert.match(message ?? '', /run `poetry update django`/);
  });

  it('malformed files: one located error each, and their other lines and every other file still audited', () => {
    const errors = report.errors.map((e) => `${e.path}:${e.line}:${e.column} ${e.message}`);
    assert.deepEqual(errors.sort(), [
      `${T}/broken/requirements-cycle-b.txt:2:1 include cycle: requirements-cycle-a.txt -> requirements-cycle-b.txt -> requirements-cycle-a.txt`,
      `${T}/broken/requirements-unknown-option.txt:2:1 no such option: --frobnicate`,
      `${T}/broken/requirements-unterminated.txt:2:18 line continuation (\`\\\`) at the end of the file: the continued line is missing`,
    ]);
    for (const file of [
      'requirements-unterminated.txt',
      'requirements-unknown-option.txt',
      'requirements-cycle-a.txt',
    ]) {
      assert.ok(
        report.findings.some((f) => f.location.path === `${T}/broken/${file}` && f.ruleId === 'DP1004'),
        file,
      );
    }
  });

  it('pinning, hash and transport rules on the app fixture', () => {
    const app = report.findings.filter((f) => f.location.path.startsWith(`${T}/app/`) && f.ruleId !== 'DP1004');
    const at = (rule: string) =>
      app.filter((f) => f.ruleId === rule).map((f) => `${f.location.path.slice(T.length + 5)}:${f.location.line}`);
    assert.deepEqual(at('DP1001'), ['requirements.txt:14']);
    assert.deepEqual(at('DP1002'), ['requirements.txt:15', 'requirements.txt:16']);
    // requests has --hash, so pip checks hashes for every requirement: all the others lack one.
    assert.equal(at('DP1003').length, 11);
    // urllib3>=1.26,<2 is pinned by constraints.txt (==1.26.5): not loose.
    assert.ok(!at('DP1002').includes('requirements.txt:12'));
  });

  it('npm: the lock is audited (semver order), direct and transitive advice, plain-HTTP download', () => {
    const npm = report.findings.filter((f) => f.location.path.startsWith(`${T}/npm-app/`));
    assert.deepEqual(
      npm.map((f) => `${f.location.path.slice(T.length + 9)}:${f.location.line} ${f.ruleId} ${f.severity}`),
      ['package-lock.json:19 DP1004 high', 'package-lock.json:24 DP1004 medium', 'package-lock.json:25 DP1005 medium'],
    );
    assert.match(
      npm[0]?.message ?? '',
      /lodash 4\.17\.20 .* 4\.17\.21 fixes them \(within \^4\.17\.15 .*\): run `npm install lodash@4\.17\.21`/,
    );
    assert.match(npm[1]?.message ?? '', /qs 6\.7\.0 .* 6\.7\.3 fixes them: run `npm update qs`, or add "overrides"/);
  });

  it(`runs in seconds, database import included`, () => {
    assert.ok(elapsed < 30_000, `${Math.round(elapsed)} ms`);
    console.log(
      `deps audit of ${report.manifests.length} manifests with a fresh OSV import: ${Math.round(elapsed)} ms`,
    );
  });
});
