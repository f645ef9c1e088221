import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import type { CatalogFile } from '../catalog/cataloger.js';
import type { Package } from '../catalog/package.js';
import { PythonInstalledCataloger } from '../catalog/python/installed-cataloger.js';
import { matchPackages } from '../match/match-packages.js';
import { buildScanReport, type ScanReport } from '../match/scan-report.js';
import {
  bookwormAdvisories,
  DEBIAN_TRACKER,
  dpkgPackages,
  entry,
  lookup,
  readDebianRecords,
  STATUS_D,
} from '../match/testdata/fixtures.js';
import { evaluateScan, parseBudget } from '../policy/budget.js';
import { ignoreRules, parseIgnoreFile } from '../policy/ignore.js';
import { parseOpenVex, vexSuppressor } from '../policy/vex.js';
import { advisoriesFromOsv } from '../vulndb/importers/osv-record.js';
import { SCAN_REPORTERS } from './scan-index.js';

const require = createRequire(import.meta.url);
const AjvDraft04 = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const addFormats = (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default;
const root = join(import.meta.dirname, '../..');
const DATA = join(root, '../shared/data');
const OSV = join(DATA, 'osv/pypi/vulns');
const PY = join(DATA, 'pkgdb/python');

let report: ScanReport;

/**
 * One report from real data end to end: the bookworm distroless status.d packages against the tracker's
 * bookworm lines, the Python METADATA fixtures plus an aiohttp 3.8.5 (so CVSS-rated PyPA records match)
 * against every OSV PyPI record, a VEX statement and an ignore entry, and the guide's budget.
 */
before(async () => {
  if (!existsSync(DEBIAN_TRACKER) || !existsSync(OSV)) return;
  const osv = ['aiohttp', 'flask', 'requests', 'setuptools', 'pygments', 'asyncssh', 'pyopenssl'].flatMap((dir) =>
    readdirSync(join(OSV, dir)).flatMap(
      (f) => advisoriesFromOsv(parseYaml(readFileSync(join(OSV, dir, f), 'utf8'))).advisories,
    ),
  );
  const db = lookup([...bookwormAdvisories(readDebianRecords()), ...osv]);
  const deb = await dpkgPackages({
    'var/lib/dpkg/status.d/coreutils-relationships': readFileSync(join(STATUS_D, 'coreutils-relationships')),
  });
  const files = new Map<string, CatalogFile>();
  for (const dir of ['trivy__Flask-2.0.0.dist-info', 'trivy__setuptools-51.3.3.dist-info']) {
    const path = `usr/local/lib/python3.11/site-packages/${dir.slice(7)}/METADATA`;
    files.set(path, { entry: entry(path), content: readFileSync(join(PY, dir, 'METADATA')) });
  }
  const aiohttp: Package = {
    type: 'python',
    name: 'aiohttp',
    version: '3.8.5',
    purl: 'pkg:pypi/aiohttp@3.8.5',
    foundBy: 'python-installed',
    locations: [{ path: 'usr/local/lib/python3.11/site-packages/aiohttp-3.8.5.dist-info/METADATA' }],
    metadata: {},
  };
  const py = (await PythonInstalledCataloger.catalog({ files, distro: undefined })).packages;
  const packages = [...deb, ...py, aiohttp];
  const distro = {
    id: 'debian',
    versionId: '12',
    versionCodename: 'bookworm',
    prettyName: 'Debian GNU/Linux 12 (bookworm)',
  };
  const findings = matchPackages(packages, distro, db);
  const vex = parseOpenVex(
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/app',
      author: 'app team',
      timestamp: '2024-05-01T00:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2022-40897' },
          products: [{ '@id': 'pkg:pypi/setuptools' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
        },
      ],
    }),
    'app.vex.json',
  );
  const ignores = ignoreRules(
    parseIgnoreFile(
      '- id: CVE-2016-2781\n  reason: no chroot in this image\n  package: coreutils\n',
      '.drydockignore.yaml',
    ),
    new Date('2024-06-01T00:00:00Z'),
  );
  const verdict = evaluateScan(findings, {
    max: parseBudget('critical=0,high=0'),
    suppressors: [vexSuppressor(vex), ignores.suppressor],
    notices: [ignores.notice],
  });
  report = buildScanReport({
    tool: { name: 'drydock', version: '0.0.0-test' },
    target: 'oci:app:latest',
    distro,
    packages,
    verdict,
    generatedAt: '2024-06-01T00:00:00Z',
  });
});

function skipWithoutData(t: { skip: (m: string) => void }): boolean {
  if (report) return false;
  t.skip('../shared/data not checked out');
  return true;
}

describe('scan reporters on a real scan', () => {
  it('the scan has what the reports must show', (t) => {
    if (skipWithoutData(t)) return;
    const ids = report.findings.map((g) => `${g.finding.package.name} ${g.finding.id}`);
    assert.ok(ids.includes('libc6 CVE-2023-4911'));
    assert.ok(ids.includes('aiohttp CVE-2023-47627'), ids.join('\n'));
    assert.equal(report.verdict.exitCode, 1);
    assert.equal(report.verdict.suppressed.vex, 1);
    assert.equal(report.verdict.suppressed.ignore, 1);
    const libc = report.upgrades.find((u) => u.package.name === 'libc6');
    // DSA-5514-1 (u3), DSA-5611-1 (u4, three CVEs), DSA-5673-1 (u6): u6 fixes every one of them.
    assert.equal(libc?.to, '2.36-9+deb12u6');
  });

  it('json validates against docs/schemas/scan-report.v1.json', (t) => {
    if (skipWithoutData(t)) return;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'docs/schemas/scan-report.v1.json'), 'utf8')));
    const out = JSON.parse(SCAN_REPORTERS.json.render(report));
    const valid: boolean = validate(out);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    assert.equal(out.summary.total, report.verdict.counts.total);
    assert.equal(out.verdict.exitCode, 1);
    const vexed = out.findings.find((f: { id: string }) => f.id === 'CVE-2022-40897');
    assert.deepEqual(vexed.suppressed, {
      by: 'vex',
      reason: 'not_affected (vulnerable_code_not_in_execute_path)',
      where: 'app.vex.json#statements[0]',
    });
  });

  it('sarif validates against the official SARIF 2.1.0 schema', (t) => {
    if (skipWithoutData(t)) return;
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const log = JSON.parse(SCAN_REPORTERS.sarif.render(report));
    const valid: boolean = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.equal(run.results.length, report.findings.length);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    const suppressed = run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    assert.equal(suppressed.length, 2);
  });

  it('cyclonedx 1.6 with vulnerabilities validates strictly and carries the VEX analysis', async (t) => {
    if (skipWithoutData(t)) return;
    const json = SCAN_REPORTERS.cyclonedx.render(report);
    const error = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(json);
    assert.equal(error, null, JSON.stringify(error));
    const bom = JSON.parse(json) as {
      components: { 'bom-ref': string }[];
      vulnerabilities: {
        id: string;
        affects: { ref: string }[];
        analysis?: { state?: string; justification?: string };
      }[];
    };
    assert.equal(bom.vulnerabilities.length, report.findings.length);
    const refs = new Set(bom.components.map((c) => c['bom-ref']));
    for (const v of bom.vulnerabilities) assert.ok(refs.has(v.affects[0]?.ref ?? ''), `${v.id} affects a component`);
    const vexed = bom.vulnerabilities.find((v) => v.id === 'CVE-2022-40897');
    assert.deepEqual(vexed?.analysis?.state, 'not_affected');
    assert.deepEqual(vexed?.analysis?.justification, 'code_not_reachable');
  });

  it('junit has one case per finding plus the gate, failing for the budget', (t) => {
    if (skipWithoutData(t)) return;
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['testsuite', 'testcase'].includes(n) });
    const doc = parser.parse(SCAN_REPORTERS.junit.render(report));
    const cases = doc.testsuites.testsuite[0].testcase as { '@_name': string; failure?: object; skipped?: object }[];
    assert.equal(cases.length, report.findings.length + 1);
    assert.equal(cases.filter((c) => c.skipped).length, 2);
    const gate = cases.at(-1) as { failure?: { '@_message': string } };
    assert.equal(gate.failure?.['@_message'], report.verdict.reasons.join('; '));
  });

  it('table and markdown group by package with the upgrade advice and the verdict', (t) => {
    if (skipWithoutData(t)) return;
    const table = SCAN_REPORTERS.table.render(report, { color: false });
    assert.match(table, /^oci:app:latest \(Debian GNU\/Linux 12 \(bookworm\)\): \d+ packages scanned$/m);
    assert.match(table, /^libc6 2\.36-9\+deb12u1 \(source glibc\) layer sha256:c{12}$/m);
    assert.match(table, /^ {2}upgrade libc6 to 2\.36-9\+deb12u6 fixes \d+$/m);
    assert.match(table, /^ {2}CVE-2016-2781 +unknown +won't fix.*\[not counted: ignore: no chroot in this image\]$/m);
    assert.match(table, /^gate failed \(--max critical=0,high=0\): /m);
    assert.doesNotMatch(table, new RegExp(String.fromCharCode(27)));
    assert.match(SCAN_REPORTERS.table.render(report, { color: true }), new RegExp(String.fromCharCode(27)));
    const md = SCAN_REPORTERS.markdown.render(report);
    assert.match(md, /^### ❌ drydock scan: `oci:app:latest`$/m);
    assert.match(md, /^\| libc6 \| 2\.36-9\+deb12u1 \| 2\.36-9\+deb12u6 \| \d+ \|$/m);
    assert.match(md, /~~CVE-2022-40897~~/);
    // Every table row has the header's cell count (escaped pipes do not split cells).
    for (const line of md.split('\n').filter((l) => l.startsWith('| ') && l.includes('CVE-'))) {
      assert.equal(line.split(/(?<!\\)\|/).length, 7, line);
    }
  });

  it('renders the same bytes twice (pure functions)', (t) => {
    if (skipWithoutData(t)) return;
    for (const r of Object.values(SCAN_REPORTERS)) assert.equal(r.render(report), r.render(report), r.id);
  });
});
