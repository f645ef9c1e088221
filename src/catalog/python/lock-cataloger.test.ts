import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileEntry } from '../../sources/types.js';
import type { CatalogContext, CatalogFile } from '../cataloger.js';
import type { Package } from '../package.js';
import { PythonLockCataloger } from './lock-cataloger.js';

const TESTDATA = join(import.meta.dirname, 'testdata');

function entry(path: string, type: FileEntry['type'] = 'file'): FileEntry {
  return { path, type, mode: 0o644, uid: 0, gid: 0, size: 0 };
}

/** Fixture files placed at `srv/<fixture path>` in a pretend image. */
async function catalogFixtures(...fixtures: string[]) {
  const files = new Map<string, CatalogFile>();
  for (const f of fixtures) {
    const path = `srv/${f}`;
    files.set(path, { entry: entry(path), content: readFileSync(join(TESTDATA, f)) });
  }
  const context: CatalogContext = { files, distro: undefined };
  return PythonLockCataloger.catalog(context);
}

function ids(packages: readonly Package[]): string[] {
  return packages.map((p) => `${p.name}@${p.version}${p.metadata.dev ? ' (dev)' : ''}`).sort();
}

describe('PythonLockCataloger.required', () => {
  const yes = [
    'app/requirements.txt',
    'app/requirements-dev.txt',
    'requirements.prod.txt',
    'srv/poetry.lock',
    'srv/Pipfile.lock',
    'srv/uv.lock',
  ];
  const no = [
    'app/requirements.in',
    'app/dev-requirements.txt',
    'app/pyproject.toml',
    'usr/lib/python3/dist-packages/pip/_vendor/requirements.txt',
    'usr/local/lib/python3.11/site-packages/foo/tests/poetry.lock',
    'app/node_modules/x/requirements.txt',
    'app/Pipfile',
  ];
  for (const p of yes) it(`accepts ${p}`, () => assert.equal(PythonLockCataloger.required(entry(p)), true));
  for (const p of no) it(`rejects ${p}`, () => assert.equal(PythonLockCataloger.required(entry(p)), false));
  it('rejects a directory named like a lock file', () => {
    assert.equal(PythonLockCataloger.required(entry('srv/uv.lock', 'dir')), false);
  });
});

describe('PythonLockCataloger on lock files', () => {
  it('reads only exact pins from requirements.txt, through options, extras, markers, hashes and continuations', async () => {
    const { packages, warnings } = await catalogFixtures('app/requirements.txt');
    assert.deepEqual(warnings, []);
    assert.deepEqual(ids(packages), [
      'Django@4.2.7',
      'attrs@23.1.0',
      'certifi@2023.7.22',
      'cryptography@41.0.5',
      'idna@3.4',
      'pywin32@306',
      'pyyaml@6.0.1',
      'requests@2.31.0',
      'six@1.16.0',
      'typing_extensions@4.8.0',
      'urllib3@2.0.7',
      'zope.interface@6.1',
    ]);
    for (const p of packages) {
      assert.equal(p.type, 'python');
      assert.equal(p.foundBy, 'python-lock');
      assert.deepEqual(p.metadata, { declaredOnly: true });
      assert.deepEqual(p.locations, [{ path: 'srv/app/requirements.txt' }]);
    }
    assert.equal(packages.find((p) => p.name === 'zope.interface')?.purl, 'pkg:pypi/zope-interface@6.1');
    assert.equal(packages.find((p) => p.name === 'Django')?.purl, 'pkg:pypi/django@4.2.7');
  });

  it('reads a requirements file ending in a continued comment', async () => {
    const { packages, warnings } = await catalogFixtures('app/requirements-dev.txt');
    assert.deepEqual(warnings, []);
    assert.deepEqual(ids(packages), ['pytest@7.4.3']);
  });

  it('reads Pipfile.lock default and develop, skipping VCS and path entries', async () => {
    const { packages, warnings } = await catalogFixtures('app/Pipfile.lock');
    assert.deepEqual(warnings, []);
    // certifi is in both sections: one package, not dev.
    assert.deepEqual(ids(packages), [
      'certifi@2023.7.22',
      'charset-normalizer@3.3.2',
      'pluggy@1.3.0 (dev)',
      'pytest@7.4.3 (dev)',
      'requests@2.31.0',
    ]);
  });

  it('reads poetry.lock 2.0 (no categories) and 1.1 (category = "dev")', async () => {
    const current = await catalogFixtures('app/poetry.lock');
    assert.deepEqual(current.warnings, []);
    assert.deepEqual(ids(current.packages), [
      'Django@4.2.7',
      'asgiref@3.7.2',
      'certifi@2023.11.17',
      'my-local@0.1.0',
      'sqlparse@0.4.4',
    ]);
    const legacy = await catalogFixtures('legacy/poetry.lock');
    assert.deepEqual(legacy.warnings, []);
    assert.deepEqual(ids(legacy.packages), ['click@8.0.0', 'pytest@6.2.5 (dev)']);
  });

  it('reads uv.lock, leaving out the project, workspace members and version-less local packages', async () => {
    const { packages, warnings } = await catalogFixtures('app/uv.lock');
    assert.deepEqual(warnings, []);
    assert.deepEqual(ids(packages), ['anyio@4.6.2.post1', 'idna@3.10', 'pytest@8.3.3', 'sniffio@1.3.1']);
    assert.equal(packages.find((p) => p.name === 'anyio')?.purl, 'pkg:pypi/anyio@4.6.2.post1');
  });
});

describe('PythonLockCataloger on broken files', () => {
  it('warns per broken file (bad TOML, truncated JSON, bad UTF-8) and keeps the good ones', async () => {
    const { packages, warnings } = await catalogFixtures(
      'bad/poetry.lock',
      'bad/Pipfile.lock',
      'bad/requirements.txt',
      'app/uv.lock',
    );
    assert.deepEqual(ids(packages), [
      'anyio@4.6.2.post1',
      'idna@3.10',
      'idna@3.4',
      'pytest@8.3.3',
      'requests@2.31.0',
      'sniffio@1.3.1',
    ]);
    const byPath = (p: string) => warnings.filter((w) => w.path === `srv/${p}`);
    const toml = byPath('bad/poetry.lock');
    assert.equal(toml.length, 1);
    assert.match(toml[0]?.message ?? '', /^invalid TOML/);
    assert.equal(toml[0]?.line, 5);
    assert.equal(byPath('bad/Pipfile.lock').length, 1);
    assert.match(byPath('bad/Pipfile.lock')[0]?.message ?? '', /^invalid JSON/);
    assert.equal(byPath('bad/Pipfile.lock')[0]?.line, 1);
    assert.deepEqual(
      byPath('bad/requirements.txt').map((w) => [w.line, w.message.split(':')[0]]),
      [
        [undefined, 'invalid UTF-8 in lock file (replaced)'],
        [2, 'unrecognised version specifier for caf'],
        [3, 'unrecognised requirement'],
      ],
    );
  });

  it('warns on a lock that is valid but not a lock', async () => {
    const files = new Map<string, CatalogFile>([
      ['a/Pipfile.lock', { entry: entry('a/Pipfile.lock'), content: Buffer.from('[1, 2]') }],
      ['b/uv.lock', { entry: entry('b/uv.lock'), content: Buffer.from('package = "nope"\n') }],
      ['c/poetry.lock', { entry: entry('c/poetry.lock'), content: Buffer.from('[[package]]\nname = "x"\n') }],
    ]);
    const { packages, warnings } = await PythonLockCataloger.catalog({ files, distro: undefined });
    assert.deepEqual(packages, []);
    assert.deepEqual(
      warnings.map((w) => w.path),
      ['a/Pipfile.lock', 'b/uv.lock', 'c/poetry.lock'],
    );
  });
});
