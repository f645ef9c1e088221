import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileEntry } from '../../sources/types.js';
import type { CatalogContext, CatalogFile } from '../cataloger.js';
import { PythonInstalledCataloger } from './installed-cataloger.js';

const SHARED = join(import.meta.dirname, '../../../../shared/data/pkgdb/python');
const TESTDATA = join(import.meta.dirname, 'testdata');

function entry(path: string, size = 0, type: FileEntry['type'] = 'file'): FileEntry {
  return { path, type, mode: 0o644, uid: 0, gid: 0, size, layer: 'sha256:layer' };
}

function context(files: Record<string, Buffer>): CatalogContext {
  const map = new Map<string, CatalogFile>();
  for (const [path, content] of Object.entries(files)) map.set(path, { entry: entry(path, content.length), content });
  return { files: map, distro: undefined };
}

/** The expectation, read independently of the parser: the first `Name:` / `Version:` lines. */
function headerOf(text: string): { name: string; version: string } {
  const name = /^Name: *(.+?)\s*$/m.exec(text)?.[1];
  const version = /^Version: *(.+?)\s*$/m.exec(text)?.[1];
  assert.ok(name && version, 'fixture has Name and Version');
  return { name, version };
}

async function run(files: Record<string, Buffer>) {
  return PythonInstalledCataloger.catalog(context(files));
}

describe('PythonInstalledCataloger.required', () => {
  const yes = [
    'usr/lib/python3/dist-packages/pip-23.0.1.dist-info/METADATA',
    'usr/local/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA',
    'opt/venv/lib/python3.12/site-packages/Flask-2.0.0.dist-info/METADATA',
    'usr/lib/python3/dist-packages/setuptools-66.1.1.egg-info/PKG-INFO',
    'usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info',
    'site-packages/x-1.dist-info/METADATA',
  ];
  const no = [
    'usr/lib/python3/dist-packages/pip-23.0.1.dist-info/RECORD',
    'usr/lib/python3/dist-packages/setuptools/_vendor/packaging-24.0.dist-info/METADATA',
    'home/app/src/mypkg.egg-info/PKG-INFO',
    'usr/lib/python3.11/METADATA',
    'usr/lib/python3/dist-packages/foo.dist-info/METADATA.bak',
  ];
  for (const p of yes) it(`accepts ${p}`, () => assert.equal(PythonInstalledCataloger.required(entry(p)), true));
  for (const p of no) it(`rejects ${p}`, () => assert.equal(PythonInstalledCataloger.required(entry(p)), false));
  it('rejects directories and symlinks', () => {
    const p = 'usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info';
    assert.equal(PythonInstalledCataloger.required(entry(p, 0, 'dir')), false);
    assert.equal(PythonInstalledCataloger.required(entry(`${p.slice(0, -9)}.dist-info/METADATA`, 0, 'symlink')), false);
  });
});

describe('PythonInstalledCataloger on real metadata', () => {
  it('reads every fixture in ../shared/data/pkgdb/python', async (t) => {
    if (!existsSync(SHARED)) {
      t.skip(`${SHARED} not found (the shared pkgdb fixtures are not checked out)`);
      return;
    }
    const files: Record<string, Buffer> = {};
    const expected = new Map<string, { name: string; version: string }>();
    for (const dir of readdirSync(SHARED)) {
      // `trivy__Flask-2.0.0.dist-info` → installed as `Flask-2.0.0.dist-info`.
      const installed = dir.slice(dir.indexOf('__') + 2);
      const file = installed.endsWith('.egg-info') ? 'PKG-INFO' : 'METADATA';
      const content = readFileSync(join(SHARED, dir, file));
      const path = `usr/local/lib/python3.11/site-packages/${installed}/${file}`;
      files[path] = content;
      expected.set(path, headerOf(content.toString('utf8')));
    }
    assert.ok(expected.size >= 14, `expected at least 14 fixtures, found ${expected.size}`);
    const { packages, warnings } = await run(files);
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, expected.size);
    for (const pkg of packages) {
      const want = expected.get(pkg.locations[0]?.path ?? '');
      assert.ok(want, `unexpected location ${pkg.locations[0]?.path}`);
      assert.equal(pkg.name, want.name);
      assert.equal(pkg.version, want.version);
      assert.equal(pkg.type, 'python');
      assert.equal(pkg.foundBy, 'python-installed');
      assert.equal(pkg.locations[0]?.layer, 'sha256:layer');
      assert.equal(pkg.purl, `pkg:pypi/${want.name.toLowerCase().replace(/[-_.]+/g, '-')}@${want.version}`);
    }
    const byName = new Map(packages.map((p) => [p.name, p]));
    // License-Expression wins over classifiers; a License field next; classifiers last.
    assert.deepEqual(byName.get('iniconfig')?.metadata.licenses, ['MIT']);
    assert.deepEqual(byName.get('Flask')?.metadata.licenses, ['BSD-3-Clause']);
    assert.deepEqual(byName.get('asyncssh')?.metadata.licenses, ['Eclipse Public License v2.0']);
    assert.deepEqual(byName.get('setuptools')?.metadata.licenses, ['MIT License']);
    assert.deepEqual(byName.get('pyphen')?.metadata.licenses, [
      'GNU General Public License v2 or later (GPLv2+)',
      'GNU Lesser General Public License v2 or later (LGPLv2+)',
      'Mozilla Public License 1.1 (MPL 1.1)',
    ]);
    assert.equal(byName.get('typing_extensions')?.purl, 'pkg:pypi/typing-extensions@4.4.0');
    assert.equal(byName.get('pyOpenSSL')?.purl, 'pkg:pypi/pyopenssl@26.0.0');
  });

  it('reads the copies in testdata without ../shared', async () => {
    const base = join(TESTDATA, 'site-packages');
    const files: Record<string, Buffer> = {};
    for (const dir of readdirSync(base)) {
      for (const f of readdirSync(join(base, dir))) {
        files[`usr/lib/python3/dist-packages/${dir}/${f}`] = readFileSync(join(base, dir, f));
      }
    }
    const { packages, warnings } = await run(files);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => `${p.name}@${p.version}`).sort(),
      Object.values(files)
        .map((c) => headerOf(c.toString('utf8')))
        .map((h) => `${h.name}@${h.version}`)
        .sort(),
    );
    const requests = packages.find((p) => p.name === 'requests');
    assert.equal(requests?.locations[0]?.path, 'usr/lib/python3/dist-packages/requests-2.22.0.egg-info/PKG-INFO');
    assert.deepEqual(requests?.metadata.licenses, ['Apache 2.0']);
    assert.deepEqual(packages.find((p) => p.name === 'distlib')?.metadata.licenses, ['Python license']);
  });
});

describe('PythonInstalledCataloger on odd input', () => {
  const dp = 'usr/lib/python3/dist-packages';

  it('reads a legacy .egg-info file, continuation lines and CRLF', async () => {
    const text =
      'Metadata-Version: 1.0\r\nName: python-apt\r\nVersion: 2.6.0\r\nSummary: Python bindings\r\n  for APT\r\nLicense: GNU GPL\r\n\r\nName: not-this\r\n';
    const { packages, warnings } = await run({ [`${dp}/python_apt-2.6.0.egg-info`]: Buffer.from(text) });
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 1);
    assert.equal(packages[0]?.name, 'python-apt');
    assert.equal(packages[0]?.version, '2.6.0');
    assert.deepEqual(packages[0]?.metadata.licenses, ['GNU GPL']);
  });

  it('ignores a pasted license text and UNKNOWN, falling back to classifiers', async () => {
    const text = [
      'Metadata-Version: 2.1',
      'Name: longlic',
      'Version: 1.0',
      'License: Copyright (c) 2004 The Authors',
      '        Permission is hereby granted, free of charge, to any person obtaining a copy',
      'Classifier: License :: OSI Approved',
      'Classifier: License :: OSI Approved :: MIT License',
      '',
    ].join('\n');
    const unknown = 'Name: unk\nVersion: 2\nLicense: UNKNOWN\n';
    const { packages } = await run({
      [`${dp}/longlic-1.0.dist-info/METADATA`]: Buffer.from(text),
      [`${dp}/unk-2.dist-info/METADATA`]: Buffer.from(unknown),
    });
    assert.deepEqual(packages.find((p) => p.name === 'longlic')?.metadata.licenses, ['MIT License']);
    assert.deepEqual(packages.find((p) => p.name === 'unk')?.metadata, {});
  });

  it('warns on bad UTF-8, missing headers and junk lines, keeping every other package', async () => {
    const good = readFileSync(join(TESTDATA, 'site-packages/distlib-0.3.1.dist-info/METADATA'));
    const badUtf8 = Buffer.concat([Buffer.from('Name: caf\xe9\nVersion: 1.0\nAuthor: '), Buffer.from([0xc3, 0x28])]);
    const { packages, warnings } = await run({
      [`${dp}/distlib-0.3.1.dist-info/METADATA`]: good,
      [`${dp}/cafe-1.0.dist-info/METADATA`]: badUtf8,
      // No headers at all: name and version come from the directory name.
      [`${dp}/zope.interface-5.5.2.dist-info/METADATA`]: Buffer.from('\n\nbody only\n'),
      [`${dp}/nothing.dist-info/METADATA`]: Buffer.from('garbage without colon\n'),
      [`${dp}/empty.dist-info/METADATA`]: Buffer.alloc(0),
    });
    assert.deepEqual(packages.map((p) => `${p.name}@${p.version}`).sort(), [
      'café@1.0',
      'distlib@0.3.1',
      'zope.interface@5.5.2',
    ]);
    assert.deepEqual(
      warnings.map((w) => [w.path, w.line, w.message]),
      [
        [`${dp}/cafe-1.0.dist-info/METADATA`, undefined, 'invalid UTF-8 in python metadata (replaced)'],
        [`${dp}/nothing.dist-info/METADATA`, 1, 'malformed header line in python metadata'],
        [`${dp}/nothing.dist-info/METADATA`, undefined, 'python metadata has no Name or Version'],
        [`${dp}/empty.dist-info/METADATA`, undefined, 'python metadata has no Name or Version'],
      ],
    );
  });
});
