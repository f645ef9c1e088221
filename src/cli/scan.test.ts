import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';
import { type TestImages, testImagesOrSkip } from '../../test/testbed/images.js';
import { comparerFor } from '../vulndb/version/index.js';

const shared = join(import.meta.dirname, '../../../shared/data');

const drydock = runCli;

interface ScanJson {
  verdict: { exitCode: number; passed: boolean; reasons: string[] };
  summary: { bySeverity: Record<string, number> };
  findings: {
    id: string;
    status: string;
    installedVersion: string;
    matchedVersion: string;
    fixedVersion: string | null;
    severity: string;
    package: { name: string; sourceName: string | null };
    advisories: { source: string }[];
  }[];
}

/**
 * drydock db import + drydock scan end to end: the real stale bookworm image (main suite only),
 * a database built from the real feeds in ../shared/data, and the apt-native source asking the real
 * Debian mirror which security updates are pending.
 */
describe('drydock db + scan', () => {
  let images: TestImages | undefined;
  const env = { DRYDOCK_CACHE_DIR: mkdtempSync(join(tmpdir(), 'drydock-scan-')) };
  let target = '';

  before(async () => {
    images = await testImagesOrSkip({ skip() {} });
    if (images) target = `docker-archive:${images.dockerArchive.path}`;
  });

  it('fails with one line and exit 2 when there is no database', async (t) => {
    if (!images) return t.skip('testbed unavailable');
    const r = await drydock(['scan', target], env);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^drydock: error: .*drydock\.db: no vulnerability database\nhint: run `drydock db (update|import)/,
    );
  });

  it('imports the real feeds, and scans: every fixed finding is below its fix in dpkg order', async (t) => {
    if (!images) return t.skip('testbed unavailable');
    const imported = await drydock(
      [
        'db',
        'import',
        join(shared, 'debian/vuln-list-debian'),
        join(shared, 'debian/security-tracker-lists/DSA.list'),
        join(shared, 'osv/pypi'),
      ],
      env,
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /vuln-list-debian, 42 read, 40 imported/);
    const status = await drydock(['db', 'status', '-f', 'json'], env);
    assert.equal((JSON.parse(status.stdout) as { sources: unknown[] }).sources.length, 3);
    const r = await drydock(['scan', target, '-f', 'json'], env);
    assert.equal(r.code, 0, r.stderr);
    const scan = JSON.parse(r.stdout) as ScanJson;
    assert.ok(scan.findings.length > 0);
    const deb = comparerFor('deb');
    for (const f of scan.findings) {
      if (f.status === 'fixed')
        assert.ok(f.fixedVersion && deb.compare(f.matchedVersion, f.fixedVersion) < 0, `${f.id} ${f.package.name}`);
    }
    // coreutils' CVE-2016-2781 is <no-dsa> in bookworm: the tracker's "won't fix", with its reason.
    const coreutils = scan.findings.find((f) => f.id === 'CVE-2016-2781' && f.package.name === 'coreutils');
    assert.equal(coreutils?.status, 'wont-fix');
  });

  it('with --apt-updates finds the pending security updates and gates on the guide’s budget', async (t) => {
    if (!images) return t.skip('testbed unavailable');
    const r = await drydock(['scan', target, '--apt-updates', '-f', 'json', '--max', 'critical=0,high=0'], env);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const scan = JSON.parse(r.stdout) as ScanJson;
    const fromApt = scan.findings.filter((f) => f.advisories.some((a) => a.source === 'apt-changelog'));
    // The image was built from bookworm main only: bookworm-security has fixes for it (pam, perl…).
    assert.ok(fromApt.length > 0);
    for (const f of fromApt) assert.equal(f.status, 'fixed');
    const high = (scan.summary.bySeverity.high ?? 0) + (scan.summary.bySeverity.critical ?? 0);
    assert.equal(r.code, high > 0 ? 1 : 0);
    assert.equal(scan.verdict.passed, high === 0);
    if (high > 0) assert.ok(scan.verdict.reasons.length > 0);
  });

  it('scans a CycloneDX SBOM of the image to the same findings as the image itself', async (t) => {
    if (!images) return t.skip('testbed unavailable');
    const dir = mkdtempSync(join(tmpdir(), 'drydock-sbom-'));
    const sbomFile = join(dir, 'image.cdx.json');
    const sbom = await drydock(['sbom', target, '-f', 'cyclonedx', '-o', sbomFile], env);
    assert.equal(sbom.code, 0, sbom.stderr);
    const [fromImage, fromSbom] = await Promise.all([
      drydock(['scan', target, '-f', 'json'], env),
      drydock(['scan', sbomFile, '-f', 'json'], env),
    ]);
    const ids = (out: string) =>
      (JSON.parse(out) as ScanJson).findings.map((f) => `${f.package.name} ${f.id} ${f.status}`).sort();
    assert.deepEqual(ids(fromSbom.stdout), ids(fromImage.stdout));
  });

  it('an ignore entry needs a reason; a valid one suppresses, an expired one counts again', async (t) => {
    if (!images) return t.skip('testbed unavailable');
    const dir = mkdtempSync(join(tmpdir(), 'drydock-ignore-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'ignore:\n  - id: CVE-2016-2781\n');
    const r = await drydock(['scan', target, '--ignore-file', bad], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:\d+:\d+/);
    const good = join(dir, 'good.yaml');
    writeFileSync(
      good,
      'ignore:\n  - id: CVE-2016-2781\n    reason: chroot --userspec is not used\n    expires: 2000-01-01\n',
    );
    const expired = await drydock(['scan', target, '--ignore-file', good, '-f', 'json'], env);
    assert.equal(expired.code, 0, expired.stderr);
    assert.ok(
      (JSON.parse(expired.stdout) as { verdict: { notices: string[] } }).verdict.notices.some((n) =>
        n.includes('CVE-2016-2781'),
      ),
    );
  });
});
