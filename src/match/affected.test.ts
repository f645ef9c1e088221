import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { advisoriesFromOsv } from '../vulndb/importers/osv-record.js';
import type { Advisory } from '../vulndb/types.js';
import { comparerFor } from '../vulndb/version/index.js';
import { affects } from './affected.js';
import { osNamespace } from './namespace.js';
import { decideSeverity } from './severity.js';

const OSV = join(import.meta.dirname, '../../../shared/data/osv/pypi/vulns');
const pypi = comparerFor('pypi');
const deb = comparerFor('deb');

function record(path: string): Advisory {
  const [a] = advisoriesFromOsv(parseYaml(readFileSync(join(OSV, path), 'utf8'))).advisories;
  assert.ok(a, path);
  return a;
}

const base: Omit<Advisory, 'ranges' | 'versions' | 'status'> = {
  id: 'OSV-TEST',
  aliases: [],
  source: 'test',
  namespace: 'pypi',
  package: 'x',
  cvss: [],
};

describe('affects (OSV evaluation)', () => {
  it('last_affected includes the version itself (py PYSEC-2022-42969: introduced 0, last_affected 1.11.0)', (t) => {
    if (!existsSync(OSV)) return t.skip('no shared data');
    const a = record('py/PYSEC-2022-42969.yaml');
    assert.deepEqual(affects(a, '1.11.0', pypi), { via: 'range', status: 'unfixed' });
    assert.equal(affects(a, '1.11.1', pypi), undefined);
  });

  it('several ranges: the fix is the one closing the range the version is in (ansible-core PYSEC-2024-36)', (t) => {
    if (!existsSync(OSV)) return t.skip('no shared data');
    const a = record('ansible-core/PYSEC-2024-36.yaml');
    assert.equal(affects(a, '2.16.1', pypi)?.fixedBy, '2.16.3');
    assert.equal(affects(a, '2.15.0', pypi)?.fixedBy, '2.15.9');
    assert.equal(affects(a, '2.14.0', pypi)?.fixedBy, '2.14.4');
    assert.equal(affects(a, '2.16.3', pypi), undefined);
    assert.equal(affects(a, '2.15.9', pypi), undefined);
  });

  it('limit bounds the range (schema.md "Limit events"); unorderable GIT events skip their range', () => {
    const limited: Advisory = {
      ...base,
      status: 'fixed',
      versions: [],
      ranges: [[{ introduced: '1.0' }, { limit: '2.0' }]],
    };
    assert.ok(affects(limited, '1.5', pypi));
    assert.equal(affects(limited, '2.0', pypi), undefined);
    assert.equal(affects(limited, '0.9', pypi), undefined);
    // flask PYSEC-2023-62's GIT range, read as if it were versions: "introduced 0, fixed <hash>".
    const git: Advisory = {
      ...base,
      status: 'fixed',
      versions: [],
      ranges: [[{ introduced: '0' }, { fixed: '70f906c51ce49c485f1d355703e9cc3386b1cc2b' }]],
    };
    assert.equal(affects(git, '3.0.0', pypi), undefined);
  });

  it('withdrawn and not-affected never match; listed versions match by PEP 440 equality', () => {
    const listed: Advisory = { ...base, status: 'unfixed', versions: ['2.0'], ranges: [] };
    assert.deepEqual(affects(listed, '2.0.0', pypi), { via: 'versions', status: 'unfixed' });
    assert.equal(affects({ ...listed, withdrawn: '2023-06-06T10:37:00Z' }, '2.0', pypi), undefined);
    assert.equal(affects({ ...listed, status: 'not-affected' }, '2.0', pypi), undefined);
  });

  it('tracker rows without ranges: open issues cover every version, fixes those below (dpkg order)', () => {
    const open: Advisory = {
      ...base,
      namespace: 'debian:12',
      status: 'wont-fix',
      statusReason: 'Minor issue',
      versions: [],
      ranges: [],
    };
    assert.deepEqual(affects(open, '9.1-1', deb), { via: 'status', status: 'wont-fix' });
    const fixed: Advisory = { ...open, status: 'fixed', fixedVersion: '2.36-9+deb12u3' };
    assert.equal(affects(fixed, '2.36-9+deb12u1', deb)?.fixedBy, '2.36-9+deb12u3');
    assert.equal(affects(fixed, '2.36-9+deb12u10', deb), undefined);
  });
});

describe('decideSeverity', () => {
  it('the feed’s rating beats CVSS; else the highest CVSS score’s band', () => {
    const cvss = { version: '3.1' as const, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 };
    const distro: Advisory = {
      ...base,
      status: 'fixed',
      versions: [],
      ranges: [],
      severity: 'low',
      severitySource: 'debian-urgency',
    };
    const nvd: Advisory = { ...distro, severity: 'critical', severitySource: 'cvss-v3.1', cvss: [cvss] };
    assert.deepEqual(decideSeverity([nvd, distro]), { severity: 'low', source: 'debian-urgency', score: 9.8, cvss });
    assert.deepEqual(decideSeverity([{ ...nvd, severity: undefined }]), {
      severity: 'critical',
      source: 'cvss-v3.1',
      score: 9.8,
      cvss,
    });
    assert.deepEqual(decideSeverity([{ ...distro, severity: undefined }]), { severity: 'unknown', source: 'none' });
  });
});

describe('osNamespace', () => {
  const cases: [Parameters<typeof osNamespace>[0], string | undefined][] = [
    [{ id: 'debian', versionId: '12' }, 'debian:12'],
    [{ id: 'debian', versionCodename: 'trixie' }, 'debian:13'],
    [{ id: 'ubuntu', versionId: '22.04' }, 'ubuntu:22.04'],
    [{ id: 'alpine', versionId: '3.19.1' }, 'alpine:3.19'],
    [{ id: 'rocky', versionId: '9.3' }, 'rhel:9'],
    [{ id: 'wolfi' }, 'wolfi'],
    [undefined, undefined],
  ];
  for (const [distro, want] of cases)
    it(`${JSON.stringify(distro)} → ${want}`, () => assert.equal(osNamespace(distro), want));
});
