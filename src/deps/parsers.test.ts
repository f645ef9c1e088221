import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ParsedManifest } from './model.js';
import { parsePackageJson, parsePackageLock, readNpmSpec } from './npm/npm.js';
import { parsePipfileLock, parsePoetryLock, parseUvLock } from './python/locks.js';
import { parsePoetryConstraint } from './python/poetry-constraint.js';
import { parsePyproject } from './python/pyproject.js';

const T = join(import.meta.dirname, 'testdata');

/** name, specifier, and the file text under the pin span, for each dependency. */
function rows(m: ParsedManifest) {
  return m.dependencies.map((d) => [
    d.name,
    d.role,
    d.specifier,
    d.pin?.span ? m.text.slice(d.pin.span.start, d.pin.span.end) : null,
  ]);
}
const read = (p: string) => readFileSync(join(T, p), 'utf8');

describe('manifest parsers: declarations, pins and spans', () => {
  it('pyproject (Poetry): caret, ranges, exact pins; python is not a package', () => {
    const m = parsePyproject('pyproject.toml', read('poetry-app/pyproject.toml'));
    assert.deepEqual(m.problems, []);
    assert.deepEqual(rows(m), [
      ['django', 'declared', '>=4.2,<5.0', null],
      ['requests', 'declared', '>=2.25,<3', null],
      ['pyjwt', 'declared', '==1.7.1', '1.7.1'],
      ['pytest', 'declared', '', null],
    ]);
  });

  it('pyproject (PEP 621 + dependency groups)', () => {
    const m = parsePyproject('pyproject.toml', read('uv-app/pyproject.toml'));
    assert.deepEqual(rows(m), [
      ['flask', 'declared', '==2.2.2', '2.2.2'],
      ['jinja2', 'declared', '>=3.1', null],
      ['pytest', 'declared', '>=8', null],
    ]);
  });

  it('locks: poetry.lock, uv.lock (the project itself skipped), Pipfile.lock, with hashes', () => {
    const hashes = (m: ParsedManifest) => m.dependencies.map((d) => [d.name, d.hashes.length]);
    const poetry = parsePoetryLock('poetry.lock', read('poetry-app/poetry.lock'));
    assert.deepEqual(
      rows(poetry).map((r) => r[3]),
      ['4.2.7', '1.7.1', '2.31.0'],
    );
    assert.deepEqual(hashes(poetry), [
      ['django', 1],
      ['pyjwt', 0],
      ['requests', 1],
    ]);
    const uv = parseUvLock('uv.lock', read('uv-app/uv.lock'));
    assert.deepEqual(hashes(uv), [
      ['flask', 1],
      ['jinja2', 1],
    ]);
    const pipenv = parsePipfileLock('Pipfile.lock', read('pipenv-app/Pipfile.lock'));
    assert.deepEqual(rows(pipenv), [
      ['urllib3', 'locked', '==1.26.4', '1.26.4'],
      ['pyyaml', 'locked', '==5.3.1', '5.3.1'],
    ]);
  });

  it('package.json and package-lock v3: ranges, dist-tags, direct flags, integrity', () => {
    const pkg = parsePackageJson('package.json', read('npm-app/package.json'));
    assert.deepEqual(rows(pkg), [
      ['express', 'declared', '4.17.1', '4.17.1'],
      ['lodash', 'declared', '^4.17.15', null],
      ['left-pad', 'declared', '', null],
      ['jest', 'declared', '', null],
    ]);
    const lock = parsePackageLock('package-lock.json', read('npm-app/package-lock.json'));
    assert.deepEqual(
      lock.dependencies.map((d) => [d.name, d.pin?.version, d.direct === true, d.hashes.length, d.dev === true]),
      [
        ['express', '4.17.1', true, 1, false],
        ['lodash', '4.17.20', true, 1, false],
        ['qs', '6.7.0', false, 0, false],
        ['left-pad', '1.3.0', true, 1, false],
        ['jest', '29.7.0', true, 1, true],
      ],
    );
  });

  it('npm specs: aliases, git refs, tarballs, local paths', () => {
    assert.deepEqual(readNpmSpec('x', 'npm:lodash@4.17.20'), {
      name: 'lodash',
      source: { type: 'registry' },
      range: '4.17.20',
      exact: '4.17.20',
      exactOffset: 11,
    });
    assert.deepEqual(readNpmSpec('x', 'github:user/repo#v1.0').source, {
      type: 'vcs',
      url: 'github:user/repo#v1.0',
      ref: 'v1.0',
    });
    assert.deepEqual(readNpmSpec('x', 'file:../lib').source, { type: 'path', path: 'file:../lib' });
    assert.equal(readNpmSpec('x', 'next').range, '');
  });

  it('Poetry constraints → PEP 440', () => {
    const cases: [string, string[], string | undefined][] = [
      ['^1.2.3', ['>=1.2.3,<2.0.0'], undefined],
      ['^0.2.3', ['>=0.2.3,<0.3.0'], undefined],
      ['^0.0.3', ['>=0.0.3,<0.0.4'], undefined],
      ['^0', ['>=0,<1'], undefined],
      ['~1.2.3', ['>=1.2.3,<1.3'], undefined],
      ['~1', ['>=1,<2'], undefined],
      ['1.2.*', ['==1.2.*'], undefined],
      ['>= 1.2, < 2.0', ['>=1.2,<2.0'], undefined],
      ['>=1.2 <2.0 || ^3.0', ['>=1.2,<2.0', '>=3.0,<4.0'], undefined],
      ['4.2.7', ['==4.2.7'], '4.2.7'],
      ['==4.2.7', ['==4.2.7'], '4.2.7'],
      ['*', [''], undefined],
    ];
    for (const [text, alternatives, exact] of cases) {
      const c = parsePoetryConstraint(text);
      assert.deepEqual([c.alternatives, c.exact], [alternatives, exact], text);
    }
  });

  it('invalid TOML and JSON are located problems, not exceptions', () => {
    const toml = parsePyproject('pyproject.toml', '[project]\ndependencies = ["a",\n');
    assert.equal(toml.problems.length, 1);
    assert.match(toml.problems[0]?.message ?? '', /^invalid TOML/);
    const json = parsePackageJson('package.json', '{"dependencies": {"a": "1.0.0",}}');
    assert.deepEqual(
      json.problems.map((p) => [p.message, p.span?.start]),
      [['invalid JSON: PropertyNameExpected', 31]],
    );
  });
});
