import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ECOSYSTEMS } from '../types.js';
import { comparerFor } from './index.js';

describe('comparerFor', () => {
  it('returns a comparer for every ecosystem, labelled with that ecosystem', () => {
    for (const e of ECOSYSTEMS) assert.equal(comparerFor(e).ecosystem, e);
  });
  it('dispatches to the ecosystem order: the same strings compare differently', () => {
    // dpkg: `~` before the end; semver: "1.0.0~rc1" is not a version at all.
    assert.equal(Math.sign(comparerFor('deb').compare('1.0~rc1', '1.0')), -1);
    assert.equal(comparerFor('npm').valid('1.0~rc1'), false);
    // apk: _rc is a pre-release; rpm: "_" is a separator and "rc" an extra (newer) segment.
    assert.equal(Math.sign(comparerFor('apk').compare('1.0_rc1', '1.0')), -1);
    assert.equal(Math.sign(comparerFor('rpm').compare('1.0_rc1', '1.0')), 1);
    // PEP 440 normalises: 1.0 == 1.0.0; semver and go need all three parts.
    assert.equal(comparerFor('pypi').compare('1.0', '1.0.0'), 0);
    assert.equal(comparerFor('go').compare('v1.0', 'v1.0.0'), 0);
  });
});
