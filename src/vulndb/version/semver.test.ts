import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSemver, type SemverOptions, satisfiesSemver, semverComparer } from './semver.js';
import { readSharedJson } from './testdata/support.js';

type Row = [string, string, SemverOptions?];
const { fixtures } = readSharedJson<{ fixtures: Record<string, Row[]> }>('vectors/semver-node-fixtures.json');
const rows = (name: string): Row[] => fixtures[name] ?? [];

describe('semver: node-semver test/fixtures', () => {
  const comparisons = rows('comparisons');
  it(`comparisons: ${comparisons.length} pairs, first is greater (and the reverse is smaller)`, () => {
    assert.equal(comparisons.length, 31);
    const wrong = comparisons.filter(
      ([a, b, o]) => !(compareSemver(a, b, o) > 0 && compareSemver(b, a, o) < 0 && compareSemver(a, a, o) === 0),
    );
    assert.deepEqual(wrong, []);
  });

  const equality = rows('equality');
  it(`equality: ${equality.length} pairs compare equal`, () => {
    assert.equal(equality.length, 37);
    assert.deepEqual(
      equality.filter(([a, b, o]) => compareSemver(a, b, o) !== 0),
      [],
    );
  });

  const include = rows('range-include');
  it(`range-include: all ${include.length} versions satisfy their range`, () => {
    assert.equal(include.length, 126);
    assert.deepEqual(
      include.filter(([r, v, o]) => !satisfiesSemver(v, r, o)),
      [],
    );
  });

  const exclude = rows('range-exclude');
  it(`range-exclude: none of the ${exclude.length} versions satisfies its range`, () => {
    assert.equal(exclude.length, 98);
    assert.deepEqual(
      exclude.filter(([r, v, o]) => satisfiesSemver(v, r, o)),
      [],
    );
  });

  it('the comparer is strict: loose spellings are invalid and throw', () => {
    assert.ok(semverComparer.valid('1.2.3-beta.1+build'));
    for (const v of ['v 1.2.3', '=1.2.3', '1.2', 'not a version']) {
      assert.ok(!semverComparer.valid(v), v);
      assert.throws(() => semverComparer.compare(v, '1.0.0'), /invalid semver version/);
    }
  });
});
