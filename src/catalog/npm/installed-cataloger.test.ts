import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileEntry } from '../../sources/types.js';
import type { CatalogFile } from '../cataloger.js';
import { catalogTarget } from '../index.js';
import type { Package } from '../package.js';
import { NpmInstalledCataloger } from './installed-cataloger.js';

const REPO = join(import.meta.dirname, '../../..');

function entry(path: string, type: FileEntry['type'] = 'file'): FileEntry {
  return { path, type, mode: 0o644, uid: 0, gid: 0, size: 0 };
}

function ids(packages: readonly Package[]): string[] {
  return packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('NpmInstalledCataloger.required', () => {
  const yes = [
    'app/node_modules/express/package.json',
    'app/node_modules/@babel/core/package.json',
    'app/node_modules/a/node_modules/b/package.json',
    'app/node_modules/a/node_modules/@s/b/package.json',
    'usr/local/lib/node_modules/npm/package.json',
    'usr/local/lib/node_modules/npm/node_modules/semver/package.json',
    'node_modules/x/package.json',
    'app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json',
  ];
  const no = [
    'app/package.json',
    'app/node_modules/package.json',
    'app/node_modules/@babel/package.json',
    'app/node_modules/express/lib/package.json',
    'app/node_modules/a/test/fixtures/b/package.json',
    'app/node_modules/@babel/core/esm/package.json',
    'app/node_modules/.bin/package.json',
    'app/node_modules/.cache/x/package.json',
    'app/node_modules/express/package.json.orig',
    'app/node_modules/express/package-lock.json',
  ];
  for (const p of yes) it(`accepts ${p}`, () => assert.equal(NpmInstalledCataloger.required(entry(p)), true));
  for (const p of no) it(`rejects ${p}`, () => assert.equal(NpmInstalledCataloger.required(entry(p)), false));
  it('rejects symlinks (pnpm links) and directories', () => {
    assert.equal(NpmInstalledCataloger.required(entry('app/node_modules/x/package.json', 'symlink')), false);
    assert.equal(NpmInstalledCataloger.required(entry('app/node_modules/x/package.json', 'dir')), false);
  });
});

describe('NpmInstalledCataloger on a node_modules tree (dir: source)', () => {
  it('finds root, scoped and nested packages, with every license form, and warns on broken manifests', async () => {
    const root = mkdtempSync(join(tmpdir(), 'drydock-npm-'));
    try {
      const tree: Record<string, string | Buffer> = {
        'app/package.json': JSON.stringify({ name: 'app', version: '1.0.0' }),
        'app/node_modules/express/package.json': JSON.stringify({ name: 'express', version: '4.18.2', license: 'MIT' }),
        'app/node_modules/express/lib/package.json': JSON.stringify({ type: 'commonjs' }),
        'app/node_modules/express/node_modules/debug/package.json': JSON.stringify({
          name: 'debug',
          version: '2.6.9',
          license: { type: 'MIT', url: 'https://opensource.org/licenses/MIT' },
        }),
        'app/node_modules/@babel/core/package.json': JSON.stringify({ name: '@babel/core', version: '7.23.3' }),
        'app/node_modules/@babel/core/test/fixtures/x/package.json': JSON.stringify({
          name: 'fixture',
          version: '0.0.0',
        }),
        'app/node_modules/old/package.json': JSON.stringify({
          name: 'old',
          version: '0.1.0',
          licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }],
        }),
        'app/node_modules/broken/package.json': '{"name": "broken", "version": "1.',
        'app/node_modules/noversion/package.json': JSON.stringify({ name: 'noversion' }),
        'app/node_modules/latin1/package.json': Buffer.concat([
          Buffer.from('{"name": "latin1", "version": "1.0.0", "author": "Jos'),
          Buffer.from([0xe9]),
          Buffer.from('"}'),
        ]),
        'usr/local/lib/node_modules/npm/package.json': JSON.stringify({
          name: 'npm',
          version: '10.2.3',
          license: 'Artistic-2.0',
        }),
      };
      for (const [p, content] of Object.entries(tree)) {
        mkdirSync(join(root, dirname(p)), { recursive: true });
        writeFileSync(join(root, p), content);
      }
      const sbom = await catalogTarget(`dir:${root}`, { catalogers: [NpmInstalledCataloger] });
      assert.deepEqual(ids(sbom.packages), [
        '@babel/core@7.23.3',
        'debug@2.6.9',
        'express@4.18.2',
        'latin1@1.0.0',
        'npm@10.2.3',
        'old@0.1.0',
      ]);
      const by = new Map(sbom.packages.map((p) => [p.name, p]));
      assert.equal(by.get('@babel/core')?.purl, 'pkg:npm/%40babel/core@7.23.3');
      assert.equal(by.get('express')?.purl, 'pkg:npm/express@4.18.2');
      assert.deepEqual(by.get('express')?.metadata.licenses, ['MIT']);
      assert.deepEqual(by.get('debug')?.metadata.licenses, ['MIT']);
      assert.deepEqual(by.get('old')?.metadata.licenses, ['MIT', 'Apache-2.0']);
      assert.deepEqual(by.get('@babel/core')?.metadata, {});
      assert.deepEqual(by.get('debug')?.locations, [
        { path: 'app/node_modules/express/node_modules/debug/package.json' },
      ]);
      assert.equal(by.get('npm')?.foundBy, 'npm-installed');
      assert.deepEqual(sbom.warnings.map((w) => [w.path, w.message.replace(/:.*/, '')]).sort(), [
        ['app/node_modules/broken/package.json', 'invalid package.json'],
        ['app/node_modules/latin1/package.json', 'invalid UTF-8 in package.json (replaced)'],
        ['app/node_modules/noversion/package.json', 'package.json has no name or version'],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("NpmInstalledCataloger on this repository's own node_modules", () => {
  it('finds, at the same paths and versions, every package that package-lock.json says is installed', async (t) => {
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; link?: boolean; name?: string }>;
    };
    // The lock lists optional packages for other platforms too: keep those present on disk.
    const onDisk = Object.entries(lock.packages).filter(([key, v]) => {
      if (!key.startsWith('node_modules/') || v.link) return false;
      try {
        readFileSync(join(REPO, key, 'package.json'));
        return true;
      } catch {
        return false;
      }
    });
    const files = new Map<string, CatalogFile>();
    for (const d of readdirSync(join(REPO, 'node_modules'), { recursive: true, withFileTypes: true })) {
      if (d.name !== 'package.json' || !d.isFile()) continue;
      const path = join(d.parentPath, d.name).slice(REPO.length + 1);
      const e = entry(path);
      if (NpmInstalledCataloger.required(e)) files.set(path, { entry: e, content: readFileSync(join(REPO, path)) });
    }
    const { packages, warnings } = await NpmInstalledCataloger.catalog({ files, distro: undefined });
    t.diagnostic(
      `${packages.length} packages, ${onDisk.length} installed per package-lock.json, ${warnings.length} warnings`,
    );
    const found = new Map(packages.map((p) => [p.locations[0]?.path, p]));
    for (const [key, v] of onDisk) {
      const p = found.get(`${key}/package.json`);
      assert.ok(p, `${key} not found`);
      assert.equal(p.version, v.version, key);
      assert.equal(p.name, v.name ?? key.slice(key.lastIndexOf('node_modules/') + 13), key);
    }
    assert.ok(onDisk.length > 100);
  });
});
