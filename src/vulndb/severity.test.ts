import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreCvss, severityFromCvss, severityFromDebianUrgency, severityFromLabel } from './severity.js';

describe('scoreCvss', () => {
  it('scores v2, v3.0, v3.1 and v4.0 vectors like FIRST/NVD publish them', () => {
    // Expected base scores are NVD's published ones for these vectors (e.g. CVE-2021-44228: 10.0 v3.1, 9.3 v2).
    assert.equal(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')?.score, 10);
    assert.equal(scoreCvss('AV:N/AC:M/Au:N/C:C/I:C/A:C')?.score, 9.3);
    assert.equal(scoreCvss('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')?.score, 9.8);
    assert.deepEqual(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), {
      version: '4.0',
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      score: 9.3,
    });
    assert.equal(scoreCvss('AV:N/AC:L/Au:N/C:P/I:P/A:P')?.version, '2.0');
  });
  it('returns undefined for a vector it cannot read', () => {
    assert.equal(scoreCvss('garbage'), undefined);
    assert.equal(scoreCvss(''), undefined);
  });
});

describe('severity words', () => {
  it('bands CVSS scores (v2 has no critical)', () => {
    assert.equal(severityFromCvss({ version: '3.1', vector: '', score: 9.0 }), 'critical');
    assert.equal(severityFromCvss({ version: '3.1', vector: '', score: 6.9 }), 'medium');
    assert.equal(severityFromCvss({ version: '2.0', vector: '', score: 10 }), 'high');
    assert.equal(severityFromCvss({ version: '4.0', vector: '', score: 0 }), 'info');
  });
  it('reads GHSA/Ubuntu labels and Debian urgencies', () => {
    assert.equal(severityFromLabel('MODERATE'), 'medium');
    assert.equal(severityFromLabel('negligible'), 'info');
    assert.equal(severityFromLabel('whatever'), undefined);
    assert.equal(severityFromDebianUrgency('high**'), 'high');
    assert.equal(severityFromDebianUrgency('unimportant'), 'info');
    assert.equal(severityFromDebianUrgency('not yet assigned'), undefined);
    assert.equal(severityFromDebianUrgency('end-of-life'), undefined);
  });
});
