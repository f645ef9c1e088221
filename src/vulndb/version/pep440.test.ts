import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePep440, pep440Comparer, satisfiesPep440 } from './pep440.js';
import { readSharedJson, seededRandom, shuffled } from './testdata/support.js';

interface Table {
  test: string;
  cases: unknown[];
}
interface TestFile {
  constants: Record<string, string[]>;
  tests: Table[];
}

const versionTests = readSharedJson<TestFile>('vectors/pep440-version-tests.json');
const specifierTests = readSharedJson<TestFile>('vectors/pep440-specifier-tests.json');
const table = <T>(file: TestFile, name: string): T[] => {
  const t = file.tests.find((x) => x.test === name);
  if (t === undefined) throw new Error(`no table ${name}`);
  return t.cases as T[];
};
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('PEP 440 order: pypa/packaging VERSIONS (ascending)', () => {
  const versions = versionTests.constants.VERSIONS ?? [];
  it('has the 92 versions', () => assert.equal(versions.length, 92));
  it('every pair compares as its positions do (packaging generates test_comparison the same way)', () => {
    const wrong: string[] = [];
    versions.forEach((a, i) => {
      versions.forEach((b, j) => {
        if (sign(pep440Comparer.compare(a, b)) !== sign(i - j)) wrong.push(`${a} vs ${b}`);
      });
    });
    assert.deepEqual(wrong, []);
  });
  it('sorting a seeded shuffle restores the order', () => {
    assert.deepEqual(shuffled(versions, seededRandom(3)).sort(pep440Comparer.compare), versions);
  });
});

describe('PEP 440 validity and normalisation: packaging test_version.py', () => {
  const invalid = table<string>(versionTests, 'test_invalid_versions');
  it(`rejects all ${invalid.length} invalid versions`, () => {
    assert.equal(invalid.length, 20);
    assert.deepEqual(
      invalid.filter((v) => pep440Comparer.valid(v)),
      [],
    );
    assert.throws(() => pep440Comparer.compare('french toast', '1.0'), /invalid PEP 440 version/);
  });
  const normalized = table<[string, string]>(versionTests, 'test_normalized_versions');
  it(`normalises all ${normalized.length} spellings`, () => {
    assert.equal(normalized.length, 102);
    assert.deepEqual(
      normalized.filter(([v, n]) => normalizePep440(v) !== n),
      [],
    );
    // A spelling and its normal form are the same version.
    assert.deepEqual(
      normalized.filter(([v, n]) => pep440Comparer.compare(v, n) !== 0),
      [],
    );
  });
});

describe('PEP 440 specifiers: packaging test_specifiers.py', () => {
  const cases = table<[string, string, boolean]>(specifierTests, 'test_specifiers');
  it('has the 188 contains cases', () => assert.equal(cases.length, 188));
  for (const [version, spec, expected] of cases) {
    it(`${version} ${expected ? 'in' : 'not in'} ${spec}`, () => {
      assert.equal(satisfiesPep440(version, spec), expected);
    });
  }

  const ignoresLocal = table<[string, string, boolean]>(specifierTests, 'test_comparison_ignores_local');
  it(`test_comparison_ignores_local: ${ignoresLocal.length} cases`, () => {
    assert.deepEqual(
      ignoresLocal.filter(([v, s, e]) => satisfiesPep440(v, s) !== e),
      [],
    );
  });

  const arbitrary = table<[string, string, boolean]>(specifierTests, 'test_arbitrary_equality');
  it(`test_arbitrary_equality: ${arbitrary.length} cases (=== is a string match)`, () => {
    assert.deepEqual(
      arbitrary.filter(([v, s, e]) => satisfiesPep440(v, s) !== e),
      [],
    );
  });

  const invalidVersion = table<[string, string, boolean]>(specifierTests, 'test_invalid_version');
  it(`test_invalid_version: ${invalidVersion.length} cases (an invalid version matches no ordered clause)`, () => {
    assert.deepEqual(
      invalidVersion.filter(([s, v, e]) => satisfiesPep440(v, s) !== e),
      [],
    );
  });

  const invalidSpecs = table<string>(specifierTests, 'test_specifiers_invalid');
  it(`test_specifiers_invalid: all ${invalidSpecs.length} specifiers throw`, () => {
    const accepted = invalidSpecs.filter((s) => {
      try {
        satisfiesPep440('1.0', s);
        return true;
      } catch {
        return false;
      }
    });
    assert.deepEqual(accepted, []);
  });

  const postBoundary = table<[string, string, boolean]>(
    specifierTests,
    'test_contains_post_release_boundary_intersection',
  );
  it(`test_contains_post_release_boundary_intersection: ${postBoundary.length} cases`, () => {
    assert.deepEqual(
      postBoundary.filter(([s, v, e]) => satisfiesPep440(v, s) !== e),
      [],
    );
  });
});
