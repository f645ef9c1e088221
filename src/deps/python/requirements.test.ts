import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SourceText } from '../../core/source-text.js';
import type { Dependency } from '../model.js';
import { pythonOracle, runPython } from '../testdata/python.js';
import { loadRequirementsTree, parseRequirementsText } from './requirements.js';

const TESTDATA = join(import.meta.dirname, '../testdata');
const oracle = pythonOracle(['pip']);

interface PipRequirement {
  name: string | null;
  specifier: string[];
  url: string | null;
  marker: string | null;
  extras: string[];
  hashes: string[];
  editable: boolean;
  constraint: boolean;
  comes_from: string;
}

/** packaging prints markers with single spaces and double quotes; compare them in that form. */
const normMarker = (m: string | undefined | null) => (m ? m.replace(/'/g, '"').replace(/\s+/g, '') : null);

function ours(d: Dependency, text: string) {
  const line = new SourceText(d.path, text).positionAt(d.span.start).line;
  return {
    at: `${d.path}:${line}`,
    name: d.name,
    specifier: d.specifier === '' ? [] : d.specifier.split(',').sort(),
    url: d.source.type === 'url' || d.source.type === 'vcs' ? d.source.url : null,
    marker: normMarker(d.marker),
    extras: [...(d.extras ?? [])].sort(),
    hashes: [...d.hashes].sort(),
    editable: d.editable === true,
    constraint: d.role === 'constraint',
  };
}

function theirs(r: PipRequirement) {
  const m = /^-[rc] (.*) \(line (\d+)\)$/.exec(r.comes_from);
  return {
    at: `${m?.[1]}:${m?.[2]}`,
    name: r.name,
    specifier: r.specifier,
    url: r.url,
    marker: normMarker(r.marker),
    extras: r.extras,
    hashes: r.hashes,
    editable: r.editable,
    constraint: r.constraint,
  };
}

describe('requirements files: the same reading as pip 23 (pip_oracle.py)', { skip: oracle.skip ?? false }, () => {
  for (const fixture of ['app/requirements.txt', 'tricky/requirements.txt']) {
    it(`${fixture}: every requirement, constraint, marker, extra, hash, URL and line as pip reads them`, () => {
      const root = join('src/deps/testdata', fixture);
      const pip = JSON.parse(runPython(oracle.python ?? 'python3', [join(TESTDATA, 'pip_oracle.py'), root])) as {
        requirements: PipRequirement[];
        error: string | null;
      };
      assert.equal(pip.error, null);
      const tree = loadRequirementsTree(root);
      assert.deepEqual(tree.problems, []);
      const mine = tree.files.flatMap((f) => f.dependencies.map((d) => ours(d, f.text)));
      const expected = pip.requirements.map(theirs);
      const key = (x: { at: string }) => x.at;
      assert.deepEqual(
        [...mine].sort((a, b) => key(a).localeCompare(key(b))),
        [...expected].sort((a, b) => key(a).localeCompare(key(b))),
      );
      assert.ok(expected.length >= 9, `${expected.length} requirements compared`);
    });
  }

  it('an unknown option: pip and drydock both stop on it, with optparse’s message', () => {
    const file = 'src/deps/testdata/broken/requirements-unknown-option.txt';
    const pip = JSON.parse(runPython(oracle.python ?? 'python3', [join(TESTDATA, 'pip_oracle.py'), file])) as {
      error: string;
    };
    assert.match(pip.error, /no such option: --frobnicate/);
    const tree = loadRequirementsTree(file);
    const parsed = tree.files[0];
    assert.deepEqual(
      parsed?.problems.map((p) => p.message),
      ['no such option: --frobnicate'],
    );
  });
});

describe('requirements files: malformed input is located and the rest is still read', () => {
  it('unterminated continuation: an error at the backslash, the lines before still parsed', () => {
    const file = join(TESTDATA, 'broken/requirements-unterminated.txt');
    const [parsed] = loadRequirementsTree(file).files;
    assert.ok(parsed);
    const problem = parsed.problems[0];
    assert.ok(problem?.span);
    const pos = new SourceText(file, parsed.text).positionAt(problem.span.start);
    assert.deepEqual([pos.line, pos.column], [2, 18]);
    assert.match(problem.message, /continuation .* end of the file/);
    assert.deepEqual(
      parsed.dependencies.map((d) => `${d.name}${d.specifier}`),
      ['Flask==2.0.1', 'requests==2.25.1'],
    );
  });

  it('include cycle: reported at the -r line that closes it, each file read once', () => {
    const file = join(TESTDATA, 'broken/requirements-cycle-a.txt');
    const tree = loadRequirementsTree(file);
    assert.deepEqual(
      tree.files.map((f) => f.dependencies.map((d) => d.name)),
      [['Django'], ['Jinja2']],
    );
    assert.equal(tree.problems.length, 1);
    const p = tree.problems[0];
    assert.ok(p?.span && p.path);
    assert.match(p.path, /requirements-cycle-b\.txt$/);
    assert.match(
      p.message,
      /^include cycle: requirements-cycle-a\.txt -> requirements-cycle-b\.txt -> requirements-cycle-a\.txt$/,
    );
  });

  it('option errors pip raises: bad hash algorithm, missing argument, ambiguous prefix, unclosed quote', () => {
    const cases: [string, RegExp][] = [
      ['six==1.0 --hash=md5:abc', /Allowed hash algorithms for --hash are sha256, sha384, sha512\./],
      ['six==1.0 --hash=abc', /must be a hash name followed by a value/],
      ['-r', /-r option requires 1 argument/],
      ['--re x', /ambiguous option: --re \(--requirement, --require-hashes\?\)/],
      ['--index-url "https://x', /No closing quotation/],
      ['six=1.0', /Expected end or semicolon/],
      ['six==1.0 ; python_version >>> "3"', /invalid marker/],
    ];
    for (const [line, message] of cases) {
      const parsed = parseRequirementsText('r.txt', `${line}\n`, false);
      assert.match(parsed.problems[0]?.message ?? '(none)', message, line);
    }
  });

  it('option prefixes, ${VAR} expansion and spans that survive continuations', () => {
    const text = 'Django==4.2.7 \\\n  --hash=sha256:aa\n--index https://pypi.example/simple\n${PKG}==1.0\n';
    const parsed = parseRequirementsText('r.txt', text, false, { env: { PKG: 'flask' } });
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.indexes.map((i) => [i.option, text.slice(i.span.start, i.span.end)]),
      [['--index-url', 'https://pypi.example/simple']],
    );
    const [django, flask] = parsed.dependencies;
    assert.ok(django?.pin?.span);
    assert.equal(text.slice(django.pin.span.start, django.pin.span.end), '4.2.7');
    assert.deepEqual(django.hashes, ['sha256:aa']);
    assert.equal(flask?.name, 'flask');
    assert.equal(flask?.pin?.version, '1.0');
  });
});
