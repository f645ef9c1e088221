import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSharedJson } from '../../vulndb/version/testdata/support.js';
import { pythonOracle, runPython } from '../testdata/python.js';
import { Pep508Error, parsePep508 } from './pep508.js';

const oracle = pythonOracle(['packaging']);

interface SpecifierFile {
  constants: Record<string, string[]>;
  tests: { test: string; cases: unknown[] }[];
}
const vectors = readSharedJson<SpecifierFile>('vectors/pep440-specifier-tests.json');
const table = <T>(name: string): T[] => (vectors.tests.find((t) => t.test === name)?.cases ?? []) as T[];

/** Requirement strings: the vectors' specifiers (valid and invalid) behind a name, plus real-world shapes. */
function corpus(): string[] {
  const specs = [...(vectors.constants.SPECIFIERS ?? []), ...(vectors.constants.LEGACY_SPECIFIERS ?? [])];
  const invalid = table<string>('test_specifiers_invalid');
  return [
    ...specs.map((s) => `pkg${s}`),
    ...specs.map((s) => `pkg (${s})`),
    ...invalid.map((s) => `pkg${s}`),
    'Django==4.2.7',
    'requests[socks,security]>=2.25,<3 ; python_version >= "3.8" and sys_platform != "win32"',
    'name @ https://example.org/pkg-1.0.tar.gz ; os_name == "posix"',
    'name@https://example.org/x.whl',
    'name @ https://example.org/x.whl;python_version<"3"',
    'zope.interface===5.4.0',
    'a.b-c_d[x] ~= 1.4.2',
    'pkg==1.0.*',
    'pkg>=1.0.*',
    'pkg<1.0+local',
    'pkg[extra1 extra2]',
    'pkg[]',
    'pkg[',
    'pkg ; (python_version < "3.8" or extra == "test") and platform_machine in "x86_64 aarch64"',
    'pkg ; python_version not in "2.7 3.4"',
    'pkg ; os.name == "nt"',
    'pkg ; python_version <> "3"',
    'pkg ; python_version',
    'pkg==1.0 ; ',
    'pkg==1.0extra',
    '-pkg',
    'pkg-',
    'Markdown==3.3.4#not-a-comment-without-space',
    'pkg ~= 1',
    'pkg===arbitrary-string',
  ];
}

describe('PEP 508: the same answers as pypa/packaging Requirement()', { skip: oracle.skip ?? false }, () => {
  const inputs = corpus();
  const expected = JSON.parse(
    runPython(
      oracle.python ?? 'python3',
      [join(import.meta.dirname, '../testdata/packaging_oracle.py')],
      JSON.stringify(inputs),
    ),
  ) as {
    ok: boolean;
    name?: string;
    extras?: string[];
    specifier?: string[];
    url?: string | null;
    marker?: string | null;
  }[];
  it(`${inputs.length} strings: accepted or rejected alike; name, extras, specifier clauses and URL equal`, () => {
    const wrong: string[] = [];
    inputs.forEach((input, i) => {
      const want = expected[i];
      let got: ReturnType<typeof parsePep508> | undefined;
      try {
        got = parsePep508(input);
      } catch (e) {
        if (!(e instanceof Pep508Error)) throw e;
      }
      if (!want || want.ok !== (got !== undefined)) {
        wrong.push(`${input}: packaging ${want?.ok ? 'accepts' : 'rejects'}, drydock ${got ? 'accepts' : 'rejects'}`);
        return;
      }
      if (!got) return;
      const mine = {
        name: got.name,
        extras: [...new Set(got.extras)].sort(),
        specifier: got.clauses.map((c) => `${c.operator}${c.version}`).sort(),
        url: got.url ?? null,
      };
      const theirs = { name: want.name, extras: want.extras, specifier: want.specifier, url: want.url ?? null };
      if (JSON.stringify(mine) !== JSON.stringify(theirs))
        wrong.push(`${input}: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
    });
    assert.deepEqual(wrong, []);
  });
});

describe('PEP 508 spans', () => {
  it('keeps where the name, each clause and each version are', () => {
    const text = 'requests[socks] >= 2.25 , ==2.31.0 ; python_version >= "3.8"';
    const r = parsePep508(text);
    assert.equal(text.slice(r.nameStart, r.nameEnd), 'requests');
    assert.deepEqual(
      r.clauses.map((c) => [text.slice(c.start, c.end), text.slice(c.versionStart, c.versionEnd)]),
      [
        ['>= 2.25', '2.25'],
        ['==2.31.0', '2.31.0'],
      ],
    );
    assert.equal(r.marker, 'python_version >= "3.8"');
  });
  it('reports where a bad requirement goes wrong', () => {
    assert.throws(
      () => parsePep508('django=4.2'),
      (e: Pep508Error) => e.index === 6 && /Expected end or semicolon/.test(e.message),
    );
  });
});
