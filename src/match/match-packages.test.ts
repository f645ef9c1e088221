import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as pep440 from '@renovatebot/pep440';
import { parse as parseYaml } from 'yaml';
import type { CatalogFile } from '../catalog/cataloger.js';
import type { Package } from '../catalog/package.js';
import { PythonInstalledCataloger } from '../catalog/python/installed-cataloger.js';
import { advisoriesFromOsv } from '../vulndb/importers/osv-record.js';
import type { Advisory, FixStatus } from '../vulndb/types.js';
import { matchPackages } from './match-packages.js';
import {
  bookwormAdvisories,
  DEBIAN_TRACKER,
  dpkgPackages,
  entry,
  LAYER,
  lookup,
  readDebianRecords,
  STATUS_D,
} from './testdata/fixtures.js';

const DATA = join(import.meta.dirname, '../../../shared/data');
const OSV_PYPI = join(DATA, 'osv/pypi/vulns');
const PY_PKGS = join(DATA, 'pkgdb/python');

interface OsvYaml {
  id: string;
  aliases?: string[];
  withdrawn?: string;
  affected?: {
    package: { name: string; ecosystem: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
}

function readOsvRecords(): OsvYaml[] {
  const records: OsvYaml[] = [];
  for (const dir of readdirSync(OSV_PYPI, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(OSV_PYPI, dir.name))) {
      if (file.endsWith('.yaml'))
        records.push(parseYaml(readFileSync(join(OSV_PYPI, dir.name, file), 'utf8')) as OsvYaml);
    }
  }
  return records;
}

/**
 * The expectation, by the PEP 440 containment rule written out pairwise (not the OSV walk the matcher
 * uses): an installed version v is affected by a record when, for an affected entry whose PEP 503 name is
 * the package's, v equals (PEP 440) a listed version, or an ECOSYSTEM range has an `introduced` I ("0" =
 * everything) with I <= v, and the next event after it is `fixed` F with v < F, `last_affected` L with
 * v <= L, or nothing. Withdrawn records affect nothing. The finding id is the record's CVE alias if any.
 */
function expectedPypi(records: readonly OsvYaml[], name: string, v: string): Map<string, string | undefined> {
  const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');
  const out = new Map<string, string | undefined>();
  for (const r of records) {
    if (r.withdrawn) continue;
    for (const a of r.affected ?? []) {
      if (a.package.ecosystem !== 'PyPI' || norm(a.package.name) !== norm(name)) continue;
      let hit = (a.versions ?? []).some((x) => pep440.valid(x) && pep440.eq(x, v));
      let fix: string | undefined;
      for (const range of a.ranges ?? []) {
        if (range.type !== 'ECOSYSTEM') continue;
        range.events.forEach((e, i) => {
          if (e.introduced === undefined) return;
          if (e.introduced !== '0' && pep440.lt(v, e.introduced)) return;
          const next = range.events[i + 1];
          const inside =
            next === undefined ||
            (next.fixed !== undefined && pep440.lt(v, next.fixed)) ||
            (next.last_affected !== undefined && pep440.lte(v, next.last_affected));
          if (inside) {
            hit = true;
            fix = next?.fixed ?? fix;
          }
        });
      }
      if (hit) out.set(r.aliases?.find((x) => x.startsWith('CVE-')) ?? r.id, fix);
    }
  }
  return out;
}

async function pythonPackages(): Promise<readonly Package[]> {
  const files = new Map<string, CatalogFile>();
  for (const dir of readdirSync(PY_PKGS)) {
    const installed = dir.slice(dir.indexOf('__') + 2);
    const file = installed.endsWith('.egg-info') ? 'PKG-INFO' : 'METADATA';
    const path = `usr/local/lib/python3.11/site-packages/${installed}/${file}`;
    files.set(path, { entry: entry(path), content: readFileSync(join(PY_PKGS, dir, file)) });
  }
  const { packages } = await PythonInstalledCataloger.catalog({ files, distro: undefined });
  return packages;
}

describe('matchPackages: OSV PyPI records against real Python METADATA', () => {
  it('finds exactly the PEP 440 containment set, one finding per CVE, with the range-specific fix', async (t) => {
    if (!existsSync(OSV_PYPI) || !existsSync(PY_PKGS)) {
      t.skip('../shared/data not checked out');
      return;
    }
    const records = readOsvRecords();
    assert.ok(records.length >= 2600, `only ${records.length} records`);
    const db = lookup(records.flatMap((r) => advisoriesFromOsv(r).advisories));
    const packages = await pythonPackages();
    assert.ok(packages.length >= 14);
    const findings = matchPackages(packages, undefined, db);

    let expectedTotal = 0;
    for (const pkg of packages) {
      const want = expectedPypi(records, pkg.name, pkg.version);
      expectedTotal += want.size;
      const got = findings.filter((f) => f.package.purl === pkg.purl);
      assert.deepEqual(
        got.map((f) => f.id).sort(),
        [...want.keys()].sort(),
        `${pkg.name} ${pkg.version}: findings differ from the containment rule`,
      );
      for (const f of got) {
        assert.equal(f.fixedVersion, want.get(f.id), `${pkg.name} ${f.id}: fixed version`);
        assert.equal(f.status, want.get(f.id) ? 'fixed' : 'unfixed');
        assert.equal(f.matcher, 'language-package');
        assert.equal(f.namespace, 'pypi');
        assert.equal(f.layer, LAYER);
      }
    }
    assert.equal(findings.length, expectedTotal);
    // The data must exercise the matcher: several packages, several findings.
    assert.ok(expectedTotal >= 6, `only ${expectedTotal} expected findings`);
    assert.ok(new Set(findings.map((f) => f.package.name)).size >= 4);

    // Spot checks read off the records by hand.
    const flask = findings.find((f) => f.package.name === 'Flask' && f.id === 'CVE-2023-30861');
    // PYSEC-2023-62: introduced 0 → fixed 2.2.5, introduced 2.3.0 → fixed 2.3.2; 2.0.0 is in the first range.
    assert.equal(flask?.fixedVersion, '2.2.5');
    assert.ok(flask?.aliases.includes('PYSEC-2023-62'));
    assert.ok(flask?.aliases.includes('GHSA-m2qf-hxjv-5gpq'));
    const setuptools = findings.find((f) => f.package.name === 'setuptools' && f.id === 'CVE-2022-40897');
    assert.equal(setuptools?.fixedVersion, '65.5.1');
  });

  it('checks names by PEP 503 and versions by PEP 440 (a listed "2.0" matches installed "2.0.0")', (t) => {
    if (!existsSync(OSV_PYPI)) {
      t.skip('../shared/data not checked out');
      return;
    }
    const flaskRecord = parseYaml(readFileSync(join(OSV_PYPI, 'flask/PYSEC-2023-62.yaml'), 'utf8'));
    const db = lookup(advisoriesFromOsv(flaskRecord).advisories);
    const pkg = (name: string, version: string): Package => ({
      type: 'python',
      name,
      version,
      purl: `pkg:pypi/${name.toLowerCase()}@${version}`,
      foundBy: 'test',
      locations: [],
      metadata: {},
    });
    const ids = (p: Package) => matchPackages([p], undefined, db).map((f) => `${f.id} ${f.fixedVersion ?? '-'}`);
    assert.deepEqual(ids(pkg('FLASK', '2.3.1')), ['CVE-2023-30861 2.3.2']);
    assert.deepEqual(ids(pkg('Flask', '2.3.2')), []);
    assert.deepEqual(ids(pkg('Flask', '2.2.5')), []);
    assert.deepEqual(ids(pkg('Flask', '2.2.4')), ['CVE-2023-30861 2.2.5']);
    assert.deepEqual(ids(pkg('flask', '0.12.0')), ['CVE-2023-30861 2.2.5']);
  });
});

/** The oracle for dpkg order is dpkg itself. */
function dpkgLessThan(a: string, b: string): boolean {
  try {
    execFileSync('dpkg', ['--compare-versions', a, 'lt', b]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Expected (package, CVE) pairs: for every bookworm line naming the package's SOURCE (Source:, else its
 * name), fixed → affected iff installed source version < VERSION by `dpkg --compare-versions`;
 * no-dsa/ignored/postponed → affected; not-affected → not. A DSA counts once per CVE it lists.
 */
function expectedDebian(advisories: readonly Advisory[], pkg: Package): Map<string, FixStatus> {
  const source = pkg.metadata.sourceName ?? pkg.name;
  const version = pkg.metadata.sourceVersion ?? pkg.version;
  const out = new Map<string, FixStatus>();
  for (const a of advisories) {
    if (a.package !== source || a.status === 'not-affected') continue;
    if (a.fixedVersion !== undefined && !dpkgLessThan(version, a.fixedVersion)) continue;
    const cves = [a.id, ...a.aliases].filter((x) => x.startsWith('CVE-'));
    for (const cve of cves.length ? cves : [a.id]) {
      // A fix anywhere wins over "won't fix" for the same CVE (the finding is actionable).
      out.set(cve, out.get(cve) === 'fixed' || a.status === 'fixed' ? 'fixed' : a.status);
    }
  }
  return out;
}

describe('matchPackages: Debian tracker records against real dpkg status files', () => {
  it('matches bookworm status.d packages by source package and dpkg order', async (t) => {
    if (!existsSync(DEBIAN_TRACKER) || !existsSync(STATUS_D)) {
      t.skip('../shared/data not checked out');
      return;
    }
    const advisories = bookwormAdvisories(readDebianRecords());
    assert.ok(advisories.length >= 20, `only ${advisories.length} bookworm advisories`);
    const files: Record<string, Buffer> = {};
    for (const name of ['coreutils-relationships', 'libpam-runtime']) {
      files[`var/lib/dpkg/status.d/${name}`] = readFileSync(join(STATUS_D, name));
    }
    const packages = await dpkgPackages(files);
    const findings = matchPackages(packages, { id: 'debian', versionId: '12' }, lookup(advisories));
    let total = 0;
    for (const pkg of packages) {
      const want = expectedDebian(advisories, pkg);
      total += want.size;
      const got = findings.filter((f) => f.package.name === pkg.name && f.package.path === pkg.locations[0]?.path);
      assert.deepEqual(
        Object.fromEntries(got.map((f) => [f.id, f.status])),
        Object.fromEntries([...want].sort()),
        `${pkg.name} (${pkg.metadata.sourceName ?? pkg.name} ${pkg.metadata.sourceVersion ?? pkg.version})`,
      );
    }
    assert.equal(findings.length, total);
    // Read off the records: libc6 2.36-9+deb12u1 (source glibc) is below DSA-5514-1's 2.36-9+deb12u3,
    // whose only CVE is CVE-2023-4911; DSA-5611-1 fixes three CVEs in u4, each its own finding.
    const looney = findings.find((f) => f.package.name === 'libc6' && f.id === 'CVE-2023-4911');
    assert.equal(looney?.fixedVersion, '2.36-9+deb12u3');
    assert.equal(looney?.package.sourceName, 'glibc');
    assert.ok(looney?.aliases.includes('DSA-5514-1'));
    for (const cve of ['CVE-2023-6246', 'CVE-2023-6779', 'CVE-2023-6780']) {
      const f = findings.find((x) => x.package.name === 'libc6' && x.id === cve);
      assert.equal(f?.fixedVersion, '2.36-9+deb12u4', cve);
      assert.deepEqual(f?.aliases, ['DSA-5611-1']);
    }
    // coreutils CVE-2016-2781 is <ignored> for bookworm: a won't-fix finding with the tracker's reason.
    const coreutils = findings.find((f) => f.package.name === 'coreutils' && f.id === 'CVE-2016-2781');
    assert.equal(coreutils?.status, 'wont-fix');
    assert.equal(coreutils?.fixedVersion, undefined);
    // pam CVE-2024-22365 is <no-dsa> for bookworm; libpam-runtime's source is pam.
    assert.equal(
      findings.find((f) => f.package.name === 'libpam-runtime' && f.id === 'CVE-2024-22365')?.status,
      'wont-fix',
    );
    assert.ok(total >= 6, `only ${total} expected findings`);
  });

  it('matches this bookworm host’s own dpkg status the same way', async (t) => {
    const status = '/var/lib/dpkg/status';
    const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
    if (
      !existsSync(DEBIAN_TRACKER) ||
      !existsSync(status) ||
      !/^VERSION_ID="?12"?$/m.test(osRelease) ||
      !/^ID=debian$/m.test(osRelease)
    ) {
      t.skip('not a Debian 12 host');
      return;
    }
    const advisories = bookwormAdvisories(readDebianRecords());
    const packages = await dpkgPackages({ 'var/lib/dpkg/status': readFileSync(status) });
    const findings = matchPackages(packages, { id: 'debian', versionId: '12' }, lookup(advisories));
    const got = new Set(findings.map((f) => `${f.package.name} ${f.id} ${f.status}`));
    const want = new Set(
      packages.flatMap((p) => [...expectedDebian(advisories, p)].map(([id, status]) => `${p.name} ${id} ${status}`)),
    );
    assert.deepEqual([...got].sort(), [...want].sort());
    assert.ok(packages.length > 100);
  });
});
