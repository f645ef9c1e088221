import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRpmDb } from './parse-rpmdb.js';
import { fileAt, oracleLine, sharedRpmDb } from './testdata/oracle.js';

/**
 * Debian's rpm has no ndb backend, so the oracle here is the file's own bytes: each stored package is
 * a `BlbS` blob on a 16-byte block boundary, each header's immutable region appears twice (region
 * entry and trailer: tag 63, type BIN), and each header names its SRPM once.
 */
function strings(content: Buffer) {
  let blobs = 0;
  for (let at = content.indexOf('BlbS'); at >= 0; at = content.indexOf('BlbS', at + 1)) if (at % 16 === 0) blobs++;
  const region = Buffer.from([0, 0, 0, 63, 0, 0, 0, 7]);
  let regions = 0;
  for (let at = content.indexOf(region); at >= 0; at = content.indexOf(region, at + 1)) regions++;
  const srpms = (content.toString('latin1').match(/[\w.+-]+\.src\.rpm/g) ?? []).sort();
  return { blobs, headers: regions / 2, srpms };
}

describe('ndb rpmdb (SUSE Packages.db)', () => {
  it('sle15-bci: every stored package, matching the file’s own markers', (t) => {
    const file = sharedRpmDb('go-rpmdb__sle15-bci/Packages.db');
    if (!file) return t.skip('../shared/data/pkgdb absent');
    const content = readFileSync(file);
    const oracle = strings(content);
    assert.equal(oracle.blobs, oracle.headers);
    const distro = { id: 'sles', versionId: '15.3' };
    const { packages, warnings } = parseRpmDb(fileAt('usr/lib/sysimage/rpm/Packages.db', content), distro);
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, oracle.blobs);
    assert.deepEqual(packages.map((p) => oracleLine(p).split(' ')[4]).sort(), oracle.srpms);
    for (const name of ['bash', 'glibc', 'libzypp', 'rpm-ndb', 'filesystem']) {
      assert.ok(content.includes(Buffer.from(`\0${name}\0`)) === packages.some((p) => p.name === name), name);
    }
    const bash = packages.find((p) => p.name === 'bash');
    assert.match(bash?.purl ?? '', /^pkg:rpm\/sles\/bash@4\.4-19\.6\.1\?arch=x86_64&distro=sles-15\.3$/);
  });

  it('a corrupted blob header or header costs that package only', (t) => {
    const file = sharedRpmDb('go-rpmdb__sle15-bci/Packages.db');
    if (!file) return t.skip('../shared/data/pkgdb absent');
    const content = Buffer.from(readFileSync(file));
    const total = strings(content).blobs;
    const blobAt: number[] = [];
    for (let at = content.indexOf('BlbS'); at >= 0; at = content.indexOf('BlbS', at + 1))
      if (at % 16 === 0) blobAt.push(at);
    // Blob 3: wrong magic. Blob 5: its header's il (first 4 bytes after the 16-byte blob header) made huge.
    content.write('XXXX', blobAt[3] ?? 0, 'latin1');
    content.writeUInt32BE(0x7fffffff, (blobAt[5] ?? 0) + 16);
    const { packages, warnings } = parseRpmDb(fileAt('usr/lib/sysimage/rpm/Packages.db', content), undefined);
    assert.equal(packages.length, total - 2);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]?.message ?? '', /^ndb slot \d+: package \d+: no blob header at offset \d+$/);
    assert.match(
      warnings[1]?.message ?? '',
      /^ndb slot \d+ \(package \d+\): corrupt rpm header: bad index entry count/,
    );
  });

  it('a lying slot page count is refused, not trusted', (t) => {
    const file = sharedRpmDb('go-rpmdb__sle15-bci/Packages.db');
    if (!file) return t.skip('../shared/data/pkgdb absent');
    const content = Buffer.from(readFileSync(file));
    content.writeUInt32LE(100_000, 12);
    const { packages, warnings } = parseRpmDb(fileAt('usr/lib/sysimage/rpm/Packages.db', content), undefined);
    assert.deepEqual(packages, []);
    assert.match(warnings[0]?.message ?? '', /^ndb rpmdb: bad slot page count 100000$/);
  });
});
