import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import type { VulnerabilityFinding } from '../match/finding.js';
import { parseOpenVex, vexSuppressor } from './vex.js';
import { purlMatches } from './vex-purl.js';

const flask: VulnerabilityFinding = {
  id: 'CVE-2023-30861',
  aliases: ['GHSA-m2qf-hxjv-5gpq', 'PYSEC-2023-62'],
  package: { name: 'Flask', version: '2.0.0', type: 'python', purl: 'pkg:pypi/flask@2.0.0' },
  installedVersion: '2.0.0',
  matchedVersion: '2.0.0',
  namespace: 'pypi',
  matcher: 'language-package',
  status: 'fixed',
  fixedVersion: '2.2.5',
  severity: 'high',
  severitySource: 'cvss-v3.1',
  advisories: [],
};

/** Shaped like `vexctl create` output (OpenVEX v0.2.0). */
function doc(statements: object[]): string {
  return JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/1',
    author: 'security@example.com',
    timestamp: '2024-05-01T00:00:00Z',
    version: 1,
    statements,
  });
}

describe('OpenVEX', () => {
  it('not_affected with a justification suppresses a matching vulnerability and product purl', () => {
    const statements = parseOpenVex(
      doc([
        {
          vulnerability: { name: 'GHSA-m2qf-hxjv-5gpq' },
          products: [{ '@id': 'pkg:oci/app', subcomponents: [{ '@id': 'pkg:pypi/Flask' }] }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
        },
      ]),
      'app.vex.json',
    );
    assert.deepEqual(vexSuppressor(statements)(flask), {
      by: 'vex',
      reason: 'not_affected (vulnerable_code_not_in_execute_path)',
      where: 'app.vex.json#statements[0]',
    });
  });

  it('the latest statement wins; other products and ids do not match', () => {
    const statements = parseOpenVex(
      doc([
        {
          vulnerability: 'CVE-2023-30861',
          products: ['pkg:pypi/flask@2.0.0'],
          status: 'affected',
          timestamp: '2024-06-01T00:00:00Z',
        },
        {
          vulnerability: { name: 'CVE-2023-30861' },
          products: [{ '@id': 'pkg:pypi/flask' }],
          status: 'not_affected',
          justification: 'component_not_present',
        },
        { vulnerability: { name: 'CVE-2023-30861' }, products: [{ '@id': 'pkg:pypi/werkzeug' }], status: 'fixed' },
      ]),
      'x.json',
    );
    assert.equal(vexSuppressor(statements)(flask), undefined);
    assert.equal(vexSuppressor(statements.slice(1))(flask)?.reason, 'not_affected (component_not_present)');
    assert.equal(vexSuppressor(statements.slice(2))(flask), undefined);
  });

  it('rejects not_affected without justification and malformed documents', () => {
    const bad = (text: string) =>
      assert.throws(
        () => parseOpenVex(text, 'v.json'),
        (e: unknown) => e instanceof DrydockError && e.code === 'config',
      );
    bad(doc([{ vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:pypi/x' }], status: 'not_affected' }]));
    bad(doc([{ vulnerability: { name: 'CVE-1' }, products: [], status: 'fixed' }]));
    bad(doc([{ vulnerability: { name: 'CVE-1' }, products: ['pkg:pypi/x'], status: 'maybe' }]));
    bad('{"statements": 1}');
    bad('not json');
  });

  it('purl patterns: version and qualifiers only when given', () => {
    const libc = 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12';
    assert.ok(purlMatches('pkg:deb/debian/libc6', libc));
    assert.ok(purlMatches('pkg:deb/debian/libc6@2.36-9+deb12u1?arch=amd64', libc));
    assert.ok(!purlMatches('pkg:deb/debian/libc6?arch=arm64', libc));
    assert.ok(!purlMatches('pkg:deb/debian/libc6@2.36-9+deb12u3', libc));
    assert.ok(!purlMatches('pkg:deb/ubuntu/libc6', libc));
    assert.ok(purlMatches('pkg:pypi/Typing_Extensions', 'pkg:pypi/typing-extensions@4.4.0'));
    assert.ok(!purlMatches('not a purl', libc));
  });
});
