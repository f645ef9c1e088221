import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { run } from '../../../test/testbed/exec.js';
import { changelogFromDeb } from './changelog-fetch.js';
import { parseAr, readDebEntries } from './deb-archive.js';

/**
 * .debs built by dpkg-deb itself, one per data.tar compression dpkg writes (xz is Debian's
 * default, zstd Ubuntu's, gzip and none older or hand-made): what drydock reads back must be the
 * bytes that went in, and a doc dir dpkg packed as a symlink must come back as that symlink.
 */

const CHANGELOG = [
  'foo (1.0-2) bookworm-security; urgency=high',
  '',
  '  * Fix CVE-2024-0001.',
  '',
  ' -- Jane Doe <jane@example.org>  Mon, 01 Jan 2024 00:00:00 +0000',
  '',
].join('\n');

let dir: string;

async function buildDeb(name: string, compression: string, docLink?: string): Promise<Buffer> {
  const tree = join(dir, `${name}-${compression}`);
  await mkdir(join(tree, 'DEBIAN'), { recursive: true });
  await writeFile(
    join(tree, 'DEBIAN/control'),
    `Package: ${name}\nVersion: 1.0-2\nArchitecture: all\nMaintainer: Jane Doe <jane@example.org>\nSource: foo\nDescription: test\n`,
  );
  await mkdir(join(tree, 'usr/share/doc'), { recursive: true });
  if (docLink) {
    await symlink(docLink, join(tree, 'usr/share/doc', name));
  } else {
    await mkdir(join(tree, 'usr/share/doc', name));
    await writeFile(join(tree, 'usr/share/doc', name, 'changelog.Debian.gz'), gzipSync(CHANGELOG));
    await writeFile(join(tree, 'usr/share/doc', name, 'copyright'), 'copyright\n');
  }
  const out = join(dir, `${name}-${compression}.deb`);
  await run('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', tree, out]);
  return readFile(out);
}

describe('reading .debs without dpkg-deb', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-deb-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const compression of ['xz', 'zstd', 'gzip', 'none']) {
    test(`data.tar with ${compression}`, async () => {
      const deb = await buildDeb('foo', compression);
      const names = parseAr(deb, 'foo.deb').map((m) => m.name);
      assert.equal(names[0], 'debian-binary');
      assert.ok(names.some((n) => n.startsWith('data.tar')));
      const entries = await readDebEntries(deb, (p) => p.startsWith('usr/share/doc/foo/'), 'foo.deb');
      assert.deepEqual([...entries.keys()].sort(), [
        'usr/share/doc/foo/changelog.Debian.gz',
        'usr/share/doc/foo/copyright',
      ]);
      const got = await changelogFromDeb(deb, 'foo', 'foo.deb');
      assert.deepEqual(got, { kind: 'text', text: CHANGELOG, path: 'usr/share/doc/foo/changelog.Debian.gz' });

      const dev = await buildDeb('foo-dev', compression, 'foo');
      assert.deepEqual(await changelogFromDeb(dev, 'foo-dev', 'foo-dev.deb'), {
        kind: 'link',
        docDir: 'usr/share/doc/foo',
      });
    });
  }

  test('not a .deb', () => {
    assert.throws(() => parseAr(Buffer.from('PK\u0003\u0004 zip'), 'x.deb'), /no ar magic/);
  });
});
