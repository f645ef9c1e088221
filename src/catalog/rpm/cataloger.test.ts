import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { testImagesOrSkip } from '../../../test/testbed/images.js';
import { makeTar, writeDockerArchive } from '../../sources/oci-layout/testdata/fixtures.js';
import type { FileEntry } from '../../sources/types.js';
import { catalogTarget } from '../index.js';
import { RpmCataloger } from './cataloger.js';
import { oracleLine, sharedRpmDb } from './testdata/oracle.js';

const SQLITE = sharedRpmDb('go-rpmdb__cbl-mariner-2.0/rpmdb.sqlite');
const NDB = sharedRpmDb('go-rpmdb__sle15-bci/Packages.db');
const tmp = mkdtempSync(join(tmpdir(), 'drydock-rpmcat-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const entry = (path: string): FileEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 1 });

describe('RpmCataloger.required', () => {
  it('asks for the rpmdb files in rpm’s three database directories only', () => {
    const yes = [
      'var/lib/rpm/rpmdb.sqlite',
      'var/lib/rpm/rpmdb.sqlite-wal',
      'var/lib/rpm/Packages',
      'usr/lib/sysimage/rpm/Packages.db',
      'usr/lib/sysimage/rpm/rpmdb.sqlite',
      'usr/share/rpm/Packages',
    ];
    const no = [
      'var/lib/rpm/Name',
      'var/lib/rpm/rpmdb.sqlite-shm',
      'var/lib/rpm/sub/Packages',
      'opt/var/lib/rpm/Packages',
      'var/lib/dpkg/status',
      'var/lib/rpm',
    ];
    for (const p of yes) assert.equal(RpmCataloger.required(entry(p)), true, p);
    for (const p of no) assert.equal(RpmCataloger.required(entry(p)), false, p);
  });
});

describe('RpmCataloger through catalogTarget', { skip: (!SQLITE || !NDB) && '../shared/data/pkgdb absent' }, () => {
  it('SUSE image, rpmdb under usr/lib/sysimage with var/lib/rpm symlinked: ndb read, layer recorded', async () => {
    const ndb = readFileSync(NDB ?? '');
    const base = await makeTar([
      { name: 'etc/os-release', content: 'NAME="SLES"\nID="sles"\nVERSION_ID="15.3"\n' },
      { name: 'usr/lib/sysimage/rpm/Packages.db', content: ndb },
      { name: 'var/lib/rpm', type: 'symlink', linkname: '../../usr/lib/sysimage/rpm' },
    ]);
    const app = await makeTar([{ name: 'etc/motd', content: 'hello\n' }]);
    const file = join(tmp, 'suse.tar');
    const written = await writeDockerArchive(file, [{ tags: ['suse:1'], layers: [base, app] }]);
    const sbom = await catalogTarget(`docker-archive:${file}`, { catalogers: [RpmCataloger] });
    assert.equal(sbom.distro?.id, 'sles');
    assert.deepEqual(sbom.warnings, []);
    // Independent count: BlbS blob markers on 16-byte boundaries.
    let blobs = 0;
    for (let at = ndb.indexOf('BlbS'); at >= 0; at = ndb.indexOf('BlbS', at + 1)) if (at % 16 === 0) blobs++;
    assert.equal(sbom.packages.length, blobs);
    for (const p of sbom.packages) {
      assert.deepEqual(p.locations, [
        { path: 'usr/lib/sysimage/rpm/Packages.db', layer: written.layerDigests[0]?.[0] },
      ]);
      assert.match(p.purl, /^pkg:rpm\/sles\/[^@]+@[^?]+\?arch=(x86_64|noarch)&distro=sles-15\.3(&epoch=\d+)?$/);
      assert.equal(p.foundBy, 'rpm');
    }
  });

  it('Mariner image whose top layer rewrote the sqlite rpmdb with one corrupt header', async () => {
    const good = readFileSync(SQLITE ?? '');
    const path = join(tmp, 'upper.sqlite');
    copyFileSync(SQLITE ?? '', path);
    const db = new Database(path);
    const victim = db
      .prepare('SELECT hnum, blob FROM Packages WHERE hnum = (SELECT max(hnum) FROM Packages)')
      .get() as {
      hnum: number;
      blob: Buffer;
    };
    const bad = Buffer.from(victim.blob);
    bad.writeUInt32BE(0xffffffff, 0);
    db.prepare('UPDATE Packages SET blob = ? WHERE hnum = ?').run(bad, victim.hnum);
    db.close();
    const upper = readFileSync(path);
    const os = 'NAME="Common Base Linux Mariner"\nID=mariner\nVERSION_ID="2.0"\n';
    const layers = [
      await makeTar([
        { name: 'etc/os-release', content: os },
        { name: 'var/lib/rpm/rpmdb.sqlite', content: good },
      ]),
      await makeTar([{ name: 'var/lib/rpm/rpmdb.sqlite', content: upper }]),
    ];
    const file = join(tmp, 'mariner.tar');
    const written = await writeDockerArchive(file, [{ tags: ['mariner:2'], layers }]);
    const sbom = await catalogTarget(`docker-archive:${file}`, { catalogers: [RpmCataloger] });
    assert.equal(sbom.packages.length, 128);
    assert.deepEqual(
      sbom.warnings.map((w) => w.path),
      ['var/lib/rpm/rpmdb.sqlite'],
    );
    assert.match(
      sbom.warnings[0]?.message ?? '',
      new RegExp(`^sqlite hnum ${victim.hnum}: corrupt rpm header: bad index entry count`),
    );
    assert.ok(sbom.packages.every((p) => p.locations[0]?.layer === written.layerDigests[0]?.[1]));
    const glibc = sbom.packages.find((p) => p.name === 'glibc');
    assert.equal(glibc?.purl, 'pkg:rpm/mariner/glibc@2.34-2.cm2?arch=x86_64&distro=mariner-2.0');
  });

  it('dir: rootfs with a leftover BDB beside the sqlite it was migrated to: each package once, both places', async () => {
    const root = join(tmp, 'rootfs');
    mkdirSync(join(root, 'var/lib/rpm'), { recursive: true });
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/os-release'), 'ID=mariner\nVERSION_ID="2.0"\n');
    copyFileSync(SQLITE ?? '', join(root, 'var/lib/rpm/rpmdb.sqlite'));
    copyFileSync(join(import.meta.dirname, 'testdata/bdb-le-4096/Packages'), join(root, 'var/lib/rpm/Packages'));
    const sbom = await catalogTarget(`dir:${root}`, { catalogers: [RpmCataloger] });
    assert.deepEqual(sbom.warnings, []);
    assert.equal(sbom.packages.length, 129);
    const twice = sbom.packages.filter((p) => p.locations.length === 2);
    assert.equal(twice.length, 12);
    for (const p of twice) {
      assert.deepEqual(
        p.locations.map((l) => l.path),
        ['var/lib/rpm/Packages', 'var/lib/rpm/rpmdb.sqlite'],
      );
    }
    assert.equal(new Set(sbom.packages.map(oracleLine)).size, 129);
  });
});

describe('RpmCataloger on the bookworm test image', () => {
  it('a Debian image has no rpmdb: nothing found, nothing to warn about', { timeout: 600_000 }, async (t) => {
    const images = await testImagesOrSkip(t);
    if (images === undefined) return;
    const sbom = await catalogTarget(`docker-archive:${images.dockerArchive.path}`, { catalogers: [RpmCataloger] });
    assert.equal(sbom.distro?.id, 'debian');
    assert.deepEqual(sbom.packages, []);
    assert.deepEqual(sbom.warnings, []);
  });
});
