import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VulnDb } from '../db.js';
import type { Advisory } from '../types.js';
import { entriesFromTrackerList } from './debian-tracker-entry.js';
import { importPaths, type PathImport } from './import-paths.js';

const DEBIAN = join(import.meta.dirname, '../../../../shared/data/debian');
const VULN_LIST = join(DEBIAN, 'vuln-list-debian');
const DSA_LIST = join(DEBIAN, 'security-tracker-lists/DSA.list');
const DLA_LIST = join(DEBIAN, 'security-tracker-lists/DLA.list');

async function importAll(...paths: string[]): Promise<{ db: VulnDb; imports: readonly PathImport[] }> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'drydock-debian-')), 'drydock.db');
  const { imports } = await importPaths(paths, { dbPath });
  return { db: VulnDb.open(dbPath), imports };
}

function one(db: VulnDb, ns: string, pkg: string, id: string): Advisory {
  const found = db.advisoriesFor(ns, pkg).filter((a) => a.id === id);
  assert.equal(found.length, 1, `${ns} ${pkg} ${id}: ${found.length} rows`);
  return found[0] as Advisory;
}

describe('vuln-list-debian (43 real tracker records) with the DSA/DLA lists', async () => {
  const { db, imports } = await importAll(VULN_LIST, DSA_LIST, DLA_LIST);
  const [vulnList, dsa, dla] = imports as [PathImport, PathImport, PathImport];

  it('reads every CVE/DSA/DLA file and every list entry', () => {
    // Rule: every .json under tracker/ except distributions.json is one record.
    const files = readdirSync(join(VULN_LIST, 'tracker'), { recursive: true }).filter(
      (f) => String(f).endsWith('.json') && !String(f).endsWith('distributions.json'),
    );
    assert.equal(vulnList.read, files.length);
    // Rule: each list entry starts with a `[date] DSA-` / `[date] DLA-` line.
    const headers = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => /^\[[^\]]+\] D[SL]A-/.test(l));
    assert.equal(dsa.read, headers(DSA_LIST).length);
    assert.equal(dla.read, headers(DLA_LIST).length);
    for (const i of imports) {
      assert.equal(i.imported + i.skipped, i.read);
      assert.deepEqual(i.warnings, []);
    }
    // CVE-2023-7104 and CVE-2024-9143 are `TODO: check` only: nothing to import.
    assert.equal(vulnList.skipped, 2);
  });

  it('keeps the tracker status for bookworm (SOURCE.md table)', () => {
    const tar = one(db, 'debian:12', 'tar', 'CVE-2023-39804');
    assert.deepEqual([tar.status, tar.statusReason], ['wont-fix', 'Minor issue']);
    const coreutils = one(db, 'debian:12', 'coreutils', 'CVE-2016-2781');
    assert.equal(coreutils.status, 'wont-fix');
    assert.match(coreutils.statusReason ?? '', /^ignored/);
    const openssl = one(db, 'debian:12', 'openssl', 'CVE-2024-5535');
    assert.equal(openssl.status, 'unfixed');
    assert.match(openssl.statusReason ?? '', /^postponed/);
    assert.equal(one(db, 'debian:12', 'xz-utils', 'CVE-2024-3094').status, 'not-affected');
    const curl = one(db, 'debian:12', 'curl', 'CVE-2024-2398');
    assert.deepEqual([curl.status, curl.fixedVersion], ['fixed', '7.88.1-10+deb12u6']);
    assert.deepEqual(curl.ranges, [[{ introduced: '0' }, { fixed: '7.88.1-10+deb12u6' }]]);
  });

  it('takes a release fix from the DSA that lists the CVE (glibc CVE-2023-4911 ← DSA-5514-1)', () => {
    const glibc = one(db, 'debian:12', 'glibc', 'CVE-2023-4911');
    assert.deepEqual([glibc.status, glibc.fixedVersion, glibc.aliases], ['fixed', '2.36-9+deb12u3', ['DSA-5514-1']]);
    const bullseye = one(db, 'debian:11', 'glibc', 'CVE-2023-4911');
    assert.equal(bullseye.fixedVersion, '2.31-13+deb11u7');
    // The CVE entry's own buster line wins where there is one.
    assert.equal(one(db, 'debian:10', 'glibc', 'CVE-2023-4911').status, 'not-affected');
    // Unstable keeps the unstable line (this snapshot: <unfixed>).
    assert.equal(one(db, 'debian:unstable', 'glibc', 'CVE-2023-4911').status, 'unfixed');
  });

  it('applies the unstable line to releases without their own line, with urgency as severity', () => {
    // CVE-2019-1010022: `- glibc <unfixed> (unimportant)`, no release lines.
    const a = one(db, 'debian:12', 'glibc', 'CVE-2019-1010022');
    assert.equal(a.status, 'unfixed');
    assert.match(a.statusReason ?? '', /as in unstable/);
    assert.deepEqual([a.severity, a.severitySource], ['info', 'debian-urgency']);
  });

  it('turns DSA list entries into per-release fixes under their CVEs (DSA-5380-1, xorg-server)', () => {
    // `[29 Mar 2023] DSA-5380-1 xorg-server` {CVE-2023-1393} `[bullseye] - xorg-server 2:1.20.11-1+deb11u6`
    const a = one(db, 'debian:11', 'xorg-server', 'CVE-2023-1393');
    assert.deepEqual(
      [a.status, a.fixedVersion, a.aliases, a.source],
      ['fixed', '2:1.20.11-1+deb11u6', ['DSA-5380-1'], 'debian-tracker-list'],
    );
    assert.equal(a.published, '2023-03-29');
  });
});

describe('Debian tracker JSON', async () => {
  const vunnel = join(DEBIAN, 'samples/vunnel/debian.json');
  const mock = join(DEBIAN, 'samples/osv.dev/debian_security_tracker_mock.json');
  const { db, imports } = await importAll(vunnel, mock);

  it('reads one record per (package, CVE) and one row per release entry', () => {
    for (const [file, i] of [
      [vunnel, imports[0]],
      [mock, imports[1]],
    ] as const) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, { releases: unknown }>>;
      // Rule: records = (package, id) pairs; rows = release entries (every codename here is a known release).
      const pairs = Object.values(data).flatMap((cves) => Object.values(cves));
      const releases = pairs.flatMap((e) => (Array.isArray(e.releases) ? [] : Object.keys(e.releases as object)));
      assert.equal(i?.read, pairs.length);
      assert.equal(i?.advisories, releases.length);
      assert.deepEqual(i?.warnings, []);
    }
  });

  it('maps status, fixed_version and urgency', () => {
    const proto = one(db, 'debian:10', 'prototypejs', 'CVE-2008-7220');
    assert.deepEqual([proto.status, proto.fixedVersion, proto.severity], ['fixed', '1.6.0.2-1', 'high']);
    // fixed_version "0": the release never had the vulnerable code.
    const apparmor = one(db, 'debian:12', 'apparmor', 'CVE-2014-1424');
    assert.deepEqual([apparmor.status, apparmor.ranges, apparmor.severity], ['not-affected', [], 'info']);
    // sid is filed as unstable.
    assert.equal(db.advisoriesFor('debian:unstable', 'apparmor').length > 0, true);
  });

  it('maps open + urgency end-of-life to wont-fix', () => {
    const data = JSON.parse(readFileSync(vunnel, 'utf8')) as Record<
      string,
      Record<string, { releases: Record<string, { status: string; urgency: string }> }>
    >;
    const eol = Object.entries(data).flatMap(([pkg, cves]) =>
      Object.entries(cves).flatMap(([id, e]) =>
        Object.entries(Array.isArray(e.releases) ? {} : e.releases)
          .filter(([, r]) => r.urgency === 'end-of-life')
          .map(([rel]) => ({ pkg, id, rel })),
      ),
    );
    assert.ok(eol.length > 0);
    const codes: Record<string, string> = { stretch: '9', jessie: '8', buster: '10', bullseye: '11', wheezy: '7' };
    for (const { pkg, id, rel } of eol) {
      const a = one(db, `debian:${codes[rel]}`, pkg, id);
      assert.deepEqual([a.status, a.statusReason], ['wont-fix', 'end-of-life']);
    }
  });
});

describe('entriesFromTrackerList', () => {
  it('parses the raw data/CVE/list format (vuln-list-update sample)', () => {
    const text = readFileSync(join(DEBIAN, 'samples/vuln-list-update/data/CVE/list'), 'utf8');
    const { entries, problems } = entriesFromTrackerList(text);
    // Rule: an entry starts at every unindented CVE- line.
    assert.equal(entries.length, text.split('\n').filter((l) => /^CVE-/.test(l)).length);
    assert.deepEqual(problems, []);
  });
});
