import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalGoVersion, goComparer } from './go.js';

/**
 * golang.org/x/mod/semver semver_test.go `tests`: [input, canonical or '' when invalid], listed in ascending
 * order. Its TestCompare expects: same canonical -> 0, else the earlier row is smaller; all invalid rows are
 * equal to each other and below every valid one.
 */
const X_MOD_SEMVER: readonly [string, string][] = [
  ['bad', ''],
  ['v1-alpha.beta.gamma', ''],
  ['v1-pre', ''],
  ['v1+meta', ''],
  ['v1-pre+meta', ''],
  ['v1.2-pre', ''],
  ['v1.2+meta', ''],
  ['v1.2-pre+meta', ''],
  ['v1.0.0-alpha', 'v1.0.0-alpha'],
  ['v1.0.0-alpha.1', 'v1.0.0-alpha.1'],
  ['v1.0.0-alpha.beta', 'v1.0.0-alpha.beta'],
  ['v1.0.0-beta', 'v1.0.0-beta'],
  ['v1.0.0-beta.2', 'v1.0.0-beta.2'],
  ['v1.0.0-beta.11', 'v1.0.0-beta.11'],
  ['v1.0.0-rc.1', 'v1.0.0-rc.1'],
  ['v1', 'v1.0.0'],
  ['v1.0', 'v1.0.0'],
  ['v1.0.0', 'v1.0.0'],
  ['v1.2', 'v1.2.0'],
  ['v1.2.0', 'v1.2.0'],
  ['v1.2.3-456', 'v1.2.3-456'],
  ['v1.2.3-456.789', 'v1.2.3-456.789'],
  ['v1.2.3-456-789', 'v1.2.3-456-789'],
  ['v1.2.3-456a', 'v1.2.3-456a'],
  ['v1.2.3-pre', 'v1.2.3-pre'],
  ['v1.2.3-pre+meta', 'v1.2.3-pre'],
  ['v1.2.3-pre.1', 'v1.2.3-pre.1'],
  ['v1.2.3-zzz', 'v1.2.3-zzz'],
  ['v1.2.3', 'v1.2.3'],
  ['v1.2.3+meta', 'v1.2.3'],
  ['v1.2.3+meta-pre', 'v1.2.3'],
  ['v1.2.3+meta-pre.sha.256a', 'v1.2.3'],
  ['v1.25.0', 'v1.25.0'],
];

describe('go module versions: golang.org/x/mod/semver vectors', () => {
  it(`validity and canonical form of ${X_MOD_SEMVER.length} inputs`, () => {
    for (const [input, canon] of X_MOD_SEMVER) {
      assert.equal(goComparer.valid(input), canon !== '', input);
      // Our canonical form drops the v and the build metadata, like Go's Canonical() minus the v.
      assert.equal(canonicalGoVersion(input), canon === '' ? undefined : canon.slice(1), input);
    }
  });
  it(`TestCompare over all ${X_MOD_SEMVER.length ** 2} ordered pairs`, () => {
    const wrong: string[] = [];
    X_MOD_SEMVER.forEach(([a, ca], i) => {
      X_MOD_SEMVER.forEach(([b, cb], j) => {
        const want = ca === cb ? 0 : i < j ? -1 : 1;
        if (Math.sign(goComparer.compare(a, b)) !== want) wrong.push(`${a} vs ${b}`);
      });
    });
    assert.deepEqual(wrong, []);
  });
});

describe('go module versions: pseudo-versions, +incompatible, optional v', () => {
  // Rules from the Go modules reference ("Pseudo-versions", "Compatibility with non-module repositories").
  const cases: readonly [string, -1 | 0 | 1, string, string][] = [
    [
      'v0.0.0-20191109021931-daa7c04131f5',
      -1,
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'pseudo-versions order by timestamp',
    ],
    ['v0.0.0-20191109021931-daa7c04131f5', -1, 'v0.0.1', 'a vX.0.0 pseudo-version is below any release'],
    ['v1.2.3', -1, 'v1.2.4-0.20191109021931-daa7c04131f5', 'vX.Y.(Z+1)-0.T-H: after vX.Y.Z'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', -1, 'v1.2.4', '...and before vX.Y.(Z+1)'],
    ['v1.2.4-pre', -1, 'v1.2.4-pre.0.20191109021931-daa7c04131f5', 'vX.Y.Z-pre.0.T-H: after vX.Y.Z-pre'],
    ['v2.0.0+incompatible', 0, 'v2.0.0', '+incompatible is build metadata, ignored by the order'],
    ['v2.0.1+incompatible', 1, 'v2.0.0+incompatible', 'incompatible versions still order by version'],
    ['1.2.3', 0, 'v1.2.3', 'OSV drops the v: both spellings are the same version'],
    ['v1.10.0', 1, 'v1.9.0', 'numeric components compare as numbers'],
  ];
  for (const [a, expected, b, rule] of cases) {
    it(`${a} vs ${b} = ${expected}: ${rule}`, () => {
      assert.equal(Math.sign(goComparer.compare(a, b)), expected);
      assert.equal(Math.sign(goComparer.compare(b, a)), -expected + 0);
    });
  }
  it('rejects what Go rejects', () => {
    for (const v of ['v01.2.3', 'v1.2.3-01', 'v1.2.3.4', 'vv1.2.3', 'v=1.2.3', ' v1.2.3', '', 'v1.2.3-'])
      assert.ok(!goComparer.valid(v), v);
  });
});
