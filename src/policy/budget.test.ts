import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import type { VulnerabilityFinding } from '../match/finding.js';
import { evaluateScan, parseBudget } from './budget.js';

function finding(id: string, severity: VulnerabilityFinding['severity'], status: VulnerabilityFinding['status']) {
  const f: VulnerabilityFinding = {
    id,
    aliases: [],
    package: {
      name: 'openssl',
      version: '3.0.11-1~deb12u1',
      type: 'deb',
      purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1',
    },
    installedVersion: '3.0.11-1~deb12u1',
    matchedVersion: '3.0.11-1~deb12u1',
    namespace: 'debian:12',
    matcher: 'os-package',
    status,
    ...(status === 'fixed' ? { fixedVersion: '3.0.13-1~deb12u1' } : {}),
    severity,
    severitySource: 'debian-urgency',
    advisories: [],
  };
  return f;
}

describe('parseBudget', () => {
  it('reads the guide’s budget', () => {
    assert.deepEqual(parseBudget('critical=0,high=9'), { critical: 0, high: 9 });
    assert.deepEqual(parseBudget(' HIGH = 2 , unknown=5 '), { high: 2, unknown: 5 });
  });
  for (const bad of ['', 'critical', 'critical=-1', 'severe=1', 'high=1,high=2', 'high=1.5']) {
    it(`rejects "${bad}" as a usage error`, () => {
      assert.throws(
        () => parseBudget(bad),
        (e: unknown) => e instanceof DrydockError && e.code === 'usage' && e.toLine().startsWith('error: --max: '),
      );
    });
  }
});

describe('evaluateScan', () => {
  const findings = [
    finding('CVE-1', 'critical', 'fixed'),
    ...Array.from({ length: 10 }, (_, i) => finding(`CVE-H${i}`, 'high', i < 4 ? 'unfixed' : 'fixed')),
    finding('CVE-M', 'medium', 'wont-fix'),
  ];

  it('passes with no gate and counts by severity and status', () => {
    const v = evaluateScan(findings);
    assert.equal(v.exitCode, 0);
    assert.equal(v.counts.total, 12);
    assert.deepEqual(v.counts.bySeverity, { info: 0, low: 0, medium: 1, high: 10, critical: 1, unknown: 0 });
    assert.deepEqual(v.counts.byStatus, { fixed: 7, unfixed: 4, 'wont-fix': 1 });
  });

  it('fails a budget line and says which', () => {
    const v = evaluateScan(findings, { max: parseBudget('critical=0,high=9') });
    assert.equal(v.exitCode, 1);
    assert.deepEqual(v.reasons, ['1 critical finding, budget allows 0', '10 high findings, budget allows 9']);
  });

  it('--ignore-unfixed keeps findings visible but uncounted', () => {
    const v = evaluateScan(findings, { max: { high: 9 }, ignoreUnfixed: true });
    assert.equal(v.exitCode, 0);
    assert.equal(v.counts.bySeverity.high, 6);
    assert.equal(v.suppressed['ignore-unfixed'], 5);
    assert.equal(v.findings.length, 12);
  });

  it('--only-fixed hides findings without a fix', () => {
    const v = evaluateScan(findings, { onlyFixed: true, failOn: 'critical' });
    assert.equal(v.findings.length, 7);
    assert.equal(v.hidden, 5);
    assert.equal(v.exitCode, 1);
    assert.deepEqual(v.reasons, ['1 finding at or above --fail-on critical']);
  });

  it('--fail-on ignores unknown severities; input errors win with exit 2', () => {
    const unknown = [finding('CVE-U', 'unknown', 'unfixed')];
    assert.equal(evaluateScan(unknown, { failOn: 'info' }).exitCode, 0);
    assert.equal(evaluateScan(unknown, { max: { unknown: 0 } }).exitCode, 1);
    const v = evaluateScan([], {}, { errors: 1 });
    assert.equal(v.exitCode, 2);
    assert.deepEqual(v.reasons, ['1 input error: the scan is incomplete']);
  });
});
