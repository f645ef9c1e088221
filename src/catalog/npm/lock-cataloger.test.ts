import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileEntry } from '../../sources/types.js';
import type { CatalogFile } from '../cataloger.js';
import type { Package } from '../package.js';
import { NpmLockCataloger } from './lock-cataloger.js';

const TESTDATA = join(import.meta.dirname, 'testdata');
const REPO = join(import.meta.dirname, '../../..');

function entry(path: string, type: FileEntry['type'] = 'file'): FileEntry {
  return { path, type, mode: 0o644, uid: 0, gid: 0, size: 0, layer: 'sha256:l1' };
}

async function catalog(files: Record<string, Buffer>) {
  const map = new Map<string, CatalogFile>();
  for (const [path, content] of Object.entries(files)) map.set(path, { entry: entry(path), content });
  return NpmLockCataloger.catalog({ files: map, distro: undefined });
}

const fixture = (p: string) => readFileSync(join(TESTDATA, p));

function ids(packages: readonly Package[]): string[] {
  return packages.map((p) => `${p.name}@${p.version}${p.metadata.dev ? ' (dev)' : ''}`).sort();
}

describe('NpmLockCataloger.required', () => {
  const yes = ['srv/app/package-lock.json', 'package-lock.json', 'srv/app/npm-shrinkwrap.json'];
  const no = [
    'srv/app/node_modules/foo/package-lock.json',
    'srv/app/node_modules/.package-lock.json',
    'srv/app/package.json',
    'srv/app/yarn.lock',
  ];
  for (const p of yes) it(`accepts ${p}`, () => assert.equal(NpmLockCataloger.required(entry(p)), true));
  for (const p of no) it(`rejects ${p}`, () => assert.equal(NpmLockCataloger.required(entry(p)), false));
});

describe('NpmLockCataloger', () => {
  it('reads a v3 lock: scoped, nested, aliased and dev entries; no root, links or workspace folders', async () => {
    const { packages, warnings } = await catalog({ 'srv/app/package-lock.json': fixture('v3/package-lock.json') });
    assert.deepEqual(warnings, []);
    assert.deepEqual(ids(packages), [
      '@babel/core@7.23.3',
      '@types/node@20.9.0 (dev)',
      'debug@2.6.9',
      'debug@4.3.4',
      'express@4.18.2',
      'ms@2.0.0',
      'ms@2.1.2',
      'semver@6.3.1',
      'semver@7.5.4 (dev)',
      'string-width@4.2.3',
      'typescript@5.2.2 (dev)',
    ]);
    const by = new Map(packages.map((p) => [`${p.name}@${p.version}`, p]));
    assert.equal(by.get('@types/node@20.9.0')?.purl, 'pkg:npm/%40types/node@20.9.0');
    assert.equal(by.get('string-width@4.2.3')?.purl, 'pkg:npm/string-width@4.2.3');
    assert.deepEqual(by.get('express@4.18.2')?.metadata, { declaredOnly: true });
    assert.deepEqual(by.get('express@4.18.2')?.locations, [{ path: 'srv/app/package-lock.json', layer: 'sha256:l1' }]);
    assert.equal(by.get('express@4.18.2')?.foundBy, 'npm-lock');
  });

  it('reads a v1 lock (nested dependencies tree, npm: aliases; file: versions skipped)', async () => {
    const { packages, warnings } = await catalog({ 'srv/old/package-lock.json': fixture('v1/package-lock.json') });
    assert.deepEqual(warnings, []);
    assert.deepEqual(ids(packages), [
      '@sindresorhus/is@0.14.0',
      'debug@3.1.0 (dev)',
      'lodash@4.17.21',
      'mocha@5.2.0 (dev)',
      'strip-ansi@6.0.1',
    ]);
  });

  it('warns on truncated JSON and bad UTF-8, keeping the other lock files', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('{"lockfileVersion": 3, "packages": {"node_modules/caf'),
      Buffer.from([0xe9]),
      Buffer.from('": {"version": "1.0.0"}}}'),
    ]);
    const { packages, warnings } = await catalog({
      'a/package-lock.json': fixture('bad/package-lock.json'),
      'b/package-lock.json': fixture('v1/package-lock.json'),
      'c/package-lock.json': latin1,
      'd/package-lock.json': Buffer.from('"just a string"'),
    });
    assert.equal(ids(packages).length, 6);
    assert.ok(ids(packages).includes('caf\ufffd@1.0.0'));
    // The truncated file ends on its fifth line.
    assert.equal(warnings.find((w) => w.path === 'a/package-lock.json')?.line, 5);
    assert.deepEqual(
      warnings.map((w) => [w.path, w.message.replace(/:.*/, '')]),
      [
        ['a/package-lock.json', 'invalid package-lock JSON'],
        ['c/package-lock.json', 'invalid UTF-8 in lock file (replaced)'],
        ['d/package-lock.json', 'package-lock is not a JSON object'],
      ],
    );
  });

  it("agrees with this repository's own package-lock.json", async () => {
    const text = readFileSync(join(REPO, 'package-lock.json'));
    const { packages, warnings } = await catalog({ 'package-lock.json': text });
    assert.deepEqual(warnings, []);
    const raw = JSON.parse(text.toString('utf8')) as {
      packages: Record<string, { name?: string; version?: string; dev?: boolean; link?: boolean }>;
    };
    // Independent expectation: each distinct (name, version) under node_modules/, dev when every copy is.
    const expected = new Map<string, boolean>();
    for (const [key, v] of Object.entries(raw.packages)) {
      if (!key.includes('node_modules/') || !v.version || v.link) continue;
      const id = `${v.name ?? key.split('node_modules/').pop()}@${v.version}`;
      expected.set(id, (expected.get(id) ?? true) && v.dev === true);
    }
    assert.deepEqual(ids(packages), [...expected].map(([id, dev]) => `${id}${dev ? ' (dev)' : ''}`).sort());
    assert.ok(packages.some((p) => p.name === 'typescript' && p.metadata.dev === true));
    assert.ok(packages.some((p) => p.name === 'commander' && p.metadata.dev !== true));
  });
});
