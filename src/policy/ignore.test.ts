import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import type { VulnerabilityFinding } from '../match/finding.js';
import { evaluateScan } from './budget.js';
import { ignoreRules, parseIgnoreFile } from './ignore.js';

const libc: VulnerabilityFinding = {
  id: 'CVE-2023-4911',
  aliases: ['DSA-5514-1'],
  package: {
    name: 'libc6',
    version: '2.36-9+deb12u1',
    type: 'deb',
    purl: 'pkg:deb/debian/libc6@2.36-9+deb12u1?arch=amd64&distro=debian-12&upstream=glibc',
    sourceName: 'glibc',
  },
  installedVersion: '2.36-9+deb12u1',
  matchedVersion: '2.36-9+deb12u1',
  namespace: 'debian:12',
  matcher: 'os-package',
  status: 'fixed',
  fixedVersion: '2.36-9+deb12u3',
  severity: 'high',
  severitySource: 'cvss-v3.1',
  advisories: [],
};

function configError(text: string): string {
  try {
    parseIgnoreFile(text, '.drydockignore.yaml');
  } catch (e) {
    assert.ok(e instanceof DrydockError && e.code === 'config');
    return e.toLine();
  }
  assert.fail('expected a config error');
}

describe('.drydockignore.yaml', () => {
  it('reports a missing reason at file:line:col of the entry', () => {
    const text =
      'ignore:\n  - id: CVE-2023-4911\n    reason: no setuid binaries\n  - id: CVE-2024-2961\n    package: glibc\n';
    assert.equal(configError(text), 'error: .drydockignore.yaml:4:5: ignore entry for CVE-2024-2961 needs a reason');
  });

  it('reports unknown keys, bad dates and YAML syntax with positions', () => {
    assert.equal(
      configError('- id: CVE-1\n  reson: typo\n'),
      'error: .drydockignore.yaml:2:3: unknown key "reson" (expected id, reason, expires, package)',
    );
    assert.match(
      configError('- id: CVE-1\n  reason: x\n  expires: next week\n'),
      /:1:3: expires "next week" is not a date/,
    );
    assert.match(configError('ignore: [\n'), /^error: \.drydockignore\.yaml:\d+:\d+: invalid YAML/);
  });

  it('suppresses by id or alias within the package scope, until it expires', () => {
    const entries = parseIgnoreFile(
      [
        'ignore:',
        '  - id: DSA-5514-1',
        '    reason: no setuid binaries',
        '    package: glibc',
        '    expires: 2024-01-01',
        '  - id: CVE-2023-4911',
        '    reason: wrong package',
        '    package: pkg:deb/debian/openssl',
      ].join('\n'),
      '.drydockignore.yaml',
    );
    assert.equal(entries[0]?.where, '.drydockignore.yaml:2:5');
    const before = ignoreRules(entries, new Date('2023-12-31T23:59:59Z'));
    assert.deepEqual(before.suppressor(libc), {
      by: 'ignore',
      reason: 'no setuid binaries',
      where: '.drydockignore.yaml:2:5',
    });
    assert.equal(before.notice(libc), undefined);

    const after = ignoreRules(entries, new Date('2024-01-01T00:00:00Z'));
    assert.equal(after.suppressor(libc), undefined);
    const verdict = evaluateScan([libc], { failOn: 'high', suppressors: [after.suppressor], notices: [after.notice] });
    assert.equal(verdict.exitCode, 1);
    assert.deepEqual(verdict.notices, [
      'CVE-2023-4911 in libc6: ignore entry at .drydockignore.yaml:2:5 expired on 2024-01-01, counted again',
    ]);
  });
});
