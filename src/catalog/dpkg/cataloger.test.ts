import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testImagesOrSkip } from '../../../test/testbed/images.js';
import { fileViewOf, openSource } from '../../sources/index.js';
import type { FileEntry } from '../../sources/types.js';
import type { CatalogFile } from '../cataloger.js';
import { catalogTarget, catalogView } from '../index.js';
import { parseOsRelease } from '../os-release.js';
import { createDpkgCataloger, DpkgCataloger } from './cataloger.js';

const testdata = join(import.meta.dirname, 'testdata');
const manifests = join(import.meta.dirname, '../../../../shared/data/pkgdb/dpkg/debian-image-manifests');
const LAYER = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';

function entry(path: string, type: FileEntry['type'] = 'file'): FileEntry {
  return { path, type, mode: 0o644, uid: 0, gid: 0, size: 0, layer: LAYER };
}

function files(list: [string, Buffer][]): Map<string, CatalogFile> {
  return new Map(list.map(([path, content]) => [path, { entry: entry(path), content }]));
}

describe('DpkgCataloger', () => {
  it('asks for the status file and status.d entries only, file lists only when told', () => {
    const wants = (c: typeof DpkgCataloger, path: string, type?: FileEntry['type']) => c.required(entry(path, type));
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/status'), true);
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/status', 'symlink'), false);
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/status-old'), false);
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/status.d', 'dir'), false);
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/status.d/libc6'), true);
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/status.d/libc6.md5sums'), false);
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/status.d/x/y'), false);
    assert.equal(wants(DpkgCataloger, 'var/lib/dpkg/info/bash.list'), false);
    const withLists = createDpkgCataloger({ fileLists: true });
    assert.equal(wants(withLists, 'var/lib/dpkg/info/bash.list'), true);
    assert.equal(wants(withLists, 'var/lib/dpkg/info/libc6:amd64.list'), true);
    assert.equal(wants(withLists, 'var/lib/dpkg/info/bash.md5sums'), false);
    assert.equal(DpkgCataloger.name, 'dpkg');
  });

  it('builds packages with purls, metadata and locations; status.d without Status counts as installed', async () => {
    const distro = parseOsRelease('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n');
    const result = await DpkgCataloger.catalog({
      distro,
      files: files([
        ['var/lib/dpkg/status', readFileSync(join(testdata, 'postgresql.status'))],
        ['var/lib/dpkg/status.d/libsqlite3-0', readFileSync(join(testdata, 'status.d/libsqlite3-0'))],
        ['var/lib/dpkg/status.d/deinstall', readFileSync(join(testdata, 'status.d/deinstall'))],
      ]),
    });
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(
      result.packages.map((p) => p.purl),
      [
        'pkg:deb/debian/postgresql-client@11+200+deb10u5?arch=all&distro=debian-12&upstream=postgresql-common%40200%2Bdeb10u5',
        'pkg:deb/debian/postgresql-client-11@11.22-0+deb10u2?arch=amd64&distro=debian-12&upstream=postgresql-11',
        'pkg:deb/debian/postgresql-client-common@200+deb10u5?arch=all&distro=debian-12&upstream=postgresql-common',
        // deinstall's one installed stanza, then the distroless entry (status.d in name order).
        'pkg:deb/debian/linux-image-6.14.0-1012-aws@6.14.0-1012.12~24.04.1?arch=amd64&distro=debian-12&upstream=linux-signed-aws-6.14',
        'pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64&distro=debian-12&upstream=sqlite3',
      ],
    );
    const sqlite = result.packages[4];
    assert.deepEqual(sqlite, {
      type: 'deb',
      name: 'libsqlite3-0',
      version: '3.34.1-3',
      purl: sqlite?.purl,
      foundBy: 'dpkg',
      locations: [{ path: 'var/lib/dpkg/status.d/libsqlite3-0', layer: LAYER }],
      metadata: {
        sourceName: 'sqlite3',
        arch: 'arm64',
        installedSize: 1490 * 1024,
        maintainer: 'Laszlo Boszormenyi (GCS) <gcs@debian.org>',
      },
    });
  });

  it('without a distro the namespace is debian and no distro qualifier is added', async () => {
    const result = await DpkgCataloger.catalog({
      distro: undefined,
      files: files([
        ['var/lib/dpkg/status', Buffer.from('Package: a\nStatus: install ok installed\nVersion: 1:2.0-1\n')],
      ]),
    });
    assert.deepEqual(
      result.packages.map((p) => p.purl),
      ['pkg:deb/debian/a@1:2.0-1'],
    );
  });

  it('reports warnings with path and line, and keeps the other packages', async () => {
    const status = Buffer.from(
      'Package: a\nStatus: install ok installed\nVersion: 1\n\nVersion: 2\n\nPackage: b\nStatus: install ok installed\nVersion: 3',
    );
    const result = await DpkgCataloger.catalog({ distro: undefined, files: files([['var/lib/dpkg/status', status]]) });
    assert.deepEqual(
      result.packages.map((p) => p.name),
      ['a', 'b'],
    );
    assert.deepEqual(result.warnings, [
      { path: 'var/lib/dpkg/status', line: 5, message: 'dpkg: stanza without Package, skipped' },
      {
        path: 'var/lib/dpkg/status',
        line: 9,
        message: 'dpkg: file does not end with a newline: last stanza may be truncated',
      },
    ]);
  });

  it('attaches file lists (name:arch.list first) when asked', async () => {
    const cataloger = createDpkgCataloger({ fileLists: true });
    const status = Buffer.from(
      'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9\n\nPackage: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2\n\nPackage: none\nStatus: install ok installed\nVersion: 1\n',
    );
    const result = await cataloger.catalog({
      distro: undefined,
      files: files([
        ['var/lib/dpkg/status', status],
        ['var/lib/dpkg/info/libc6:amd64.list', Buffer.from('/.\n/usr\n/usr/lib/x86_64-linux-gnu/libc.so.6\n')],
        ['var/lib/dpkg/info/bash.list', Buffer.from('/.\n/usr/bin/bash\n')],
      ]),
    });
    assert.deepEqual(
      result.packages.map((p) => [p.name, p.metadata.files]),
      [
        ['libc6', ['usr', 'usr/lib/x86_64-linux-gnu/libc.so.6']],
        ['bash', ['usr/bin/bash']],
        ['none', undefined],
      ],
    );
  });
});

describe('DpkgCataloger on the bookworm test image', () => {
  it('finds exactly the installed set of the image’s own status file, with layer digests', {
    timeout: 600_000,
  }, async (t) => {
    const images = await testImagesOrSkip(t);
    if (images === undefined) return;
    const target = `docker-archive:${images.dockerArchive.path}`;
    const source = await openSource(target);
    const image = await source.resolve();
    const view = fileViewOf(source, image);
    // The independent count: the status file as the FileView gives it, stanzas matched by regex.
    let statusText = '';
    await view.walk(
      (e) => e.path === 'var/lib/dpkg/status',
      // visit sees every entry; only the accepted one has content.
      (e, content) => {
        if (e.path === 'var/lib/dpkg/status' && content) statusText = content.toString('utf8');
      },
    );
    const expected = statusText
      .split(/\n\n+/)
      .filter((s) => /^Status: install ok installed$/m.test(s))
      .map((s) => `${/^Package: (\S+)$/m.exec(s)?.[1]} ${/^Version: (\S+)$/m.exec(s)?.[1]}`)
      .sort();
    assert.equal(expected.length, 88);

    const start = Date.now();
    const result = await catalogView(view, { catalogers: [createDpkgCataloger({ fileLists: true })] });
    t.diagnostic(`catalogView with file lists: ${Date.now() - start} ms, distro ${JSON.stringify(result.distro)}`);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.packages.map((p) => `${p.name} ${p.version}`).sort(), expected);
    const layers = new Set(images.dockerArchive.layerDigests);
    for (const p of result.packages) {
      assert.equal(p.locations.length, 1);
      assert.equal(p.locations[0]?.path, 'var/lib/dpkg/status');
      assert.ok(layers.has(p.locations[0]?.layer ?? ''), `${p.name}: layer ${p.locations[0]?.layer}`);
      assert.match(p.purl, /^pkg:deb\/debian\/[^@]+@[^?]+\?arch=(amd64|all)&distro=debian-12/);
      assert.ok((p.metadata.files?.length ?? 0) > 0, `${p.name} has no file list`);
    }
    const libc = result.packages.find((p) => p.name === 'libc6');
    assert.equal(libc?.metadata.sourceName, 'glibc');
    assert.ok(libc?.metadata.files?.some((f) => f.endsWith('libc.so.6')));
    assert.ok(result.packages.find((p) => p.name === 'bash')?.metadata.files?.includes('bin/bash')); // bookworm packages still ship /bin (merged-usr is a symlink)

    // The default cataloger through catalogTarget: the same packages, no file lists read.
    const sbom = await catalogTarget(target, { catalogers: [DpkgCataloger] });
    assert.deepEqual(
      sbom.packages.map((p) => p.purl),
      result.packages.map((p) => p.purl),
    );
    assert.ok(sbom.packages.every((p) => p.metadata.files === undefined));

    // Cross-check only (different build date and mirror): the official debian:bookworm package list.
    try {
      const official = readFileSync(join(manifests, 'bookworm/rootfs.manifest'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]?.replace(/:.*$/, '') ?? '');
      const ours = new Set(result.packages.map((p) => p.name));
      const missing = official.filter((n) => !ours.has(n));
      const extra = [...ours].filter((n) => !official.includes(n));
      t.diagnostic(
        `vs debian:bookworm rootfs.manifest: ${official.length} there, only there: ${missing.join(' ') || '-'}; only here: ${extra.join(' ') || '-'}`,
      );
    } catch {
      t.diagnostic('debian-image-manifests not found; cross-check skipped');
    }
  });
});
