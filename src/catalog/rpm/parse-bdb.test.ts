import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readBdbHashValues } from './parse-bdb.js';
import { parseRpmDb } from './parse-rpmdb.js';
// @ts-expect-error: a plain .mjs generator script (no types), shared with the fixture regeneration.
import { makeBdb } from './testdata/make-bdb-fixtures.mjs';
import { fileAt, hasRpm, oracleLine, rpmQueryAll, SKIP_NO_RPM, sharedRpmDb } from './testdata/oracle.js';

const testdata = join(import.meta.dirname, 'testdata');
const FIXTURES = [
  // [dir, packages written by make-bdb-fixtures.mjs, page size]
  ['bdb-le-4096', 12, 4096],
  ['bdb-be-512', 12, 512],
  ['bdb-inline-32768', 6, 32768],
] as const;

const hasDbLoad = (() => {
  try {
    execFileSync('db5.3_load', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('Berkeley DB rpmdb', () => {
  for (const [dir, count, pageSize] of FIXTURES) {
    it(`${dir}: reads the ${count} headers libdb wrote`, () => {
      const content = readFileSync(join(testdata, dir, 'Packages'));
      assert.equal(content.readUInt32LE(20) === pageSize || content.readUInt32BE(20) === pageSize, true);
      const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/Packages', content), {
        id: 'mariner',
        versionId: '2.0',
      });
      assert.deepEqual(warnings, []);
      assert.equal(packages.length, count);
      assert.ok(packages.every((p) => p.purl.startsWith('pkg:rpm/mariner/') && p.purl.includes('distro=mariner-2.0')));
    });

    it(`${dir}: the same packages as rpm -qa`, { skip: !hasRpm && SKIP_NO_RPM }, () => {
      const file = join(testdata, dir, 'Packages');
      const { packages } = parseRpmDb(fileAt('var/lib/rpm/Packages', readFileSync(file)), undefined);
      assert.deepEqual(packages.map(oracleLine).sort(), rpmQueryAll(file, 'bdb_ro'));
    });
  }

  it('the real libuuid Packages (RHEL 8 era): one package, as rpm -qa and the file’s own strings say', (t) => {
    const file = sharedRpmDb('go-rpmdb__libuuid/Packages');
    if (!file) return t.skip('../shared/data/pkgdb absent');
    const content = readFileSync(file);
    const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/Packages', content), {
      id: 'rhel',
      versionId: '8.8',
    });
    assert.deepEqual(warnings, []);
    // strings-style oracle: every header names its SRPM once; the file holds exactly one.
    const srpms = content.toString('latin1').match(/[\w.+-]+\.src\.rpm/g) ?? [];
    assert.deepEqual(srpms, ['util-linux-2.32.1-42.el8_8.src.rpm']);
    assert.deepEqual(packages.map(oracleLine), ['libuuid 0 2.32.1-42.el8_8 x86_64 util-linux-2.32.1-42.el8_8.src.rpm']);
    assert.equal(packages[0]?.purl, 'pkg:rpm/rhel/libuuid@2.32.1-42.el8_8?arch=x86_64&distro=rhel-8.8');
    assert.deepEqual(packages[0]?.metadata.licenses, ['BSD']);
    if (hasRpm) assert.deepEqual(packages.map(oracleLine), rpmQueryAll(file, 'bdb_ro'));
    else t.diagnostic(SKIP_NO_RPM);
  });

  it('all 129 Mariner headers in one BDB written by db5.3_load match rpm -qa', {
    skip: (!hasDbLoad && 'db5.3_load not installed (apt-get install -y db5.3-util)') || (!hasRpm && SKIP_NO_RPM),
  }, (t) => {
    if (!sharedRpmDb('go-rpmdb__cbl-mariner-2.0/rpmdb.sqlite')) return t.skip('../shared/data/pkgdb absent');
    const dir = mkdtempSync(join(tmpdir(), 'drydock-bdb-'));
    try {
      const file = join(dir, 'Packages');
      makeBdb(file, { count: 0, pageSize: 1024, bigEndian: false });
      const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/Packages', readFileSync(file)), undefined);
      assert.deepEqual(warnings, []);
      const expected = rpmQueryAll(file, 'bdb_ro');
      assert.equal(expected.length, 129);
      assert.deepEqual(packages.map(oracleLine).sort(), expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken overflow chain costs that package only; a cut file is read as far as it goes', () => {
    const content = Buffer.from(readFileSync(join(testdata, 'bdb-le-4096', 'Packages')));
    // Point one overflow page's "next" far past the end of the file.
    const pageSize = 4096;
    const firstOverflow = [...Array(content.length / pageSize).keys()].find((p) => content[p * pageSize + 25] === 7);
    assert.ok(firstOverflow !== undefined);
    content.writeUInt32LE(0x00ffffff, firstOverflow * pageSize + 16);
    const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/Packages', content), undefined);
    assert.equal(packages.length, 11);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]?.message ?? '',
      /^bdb page \d+ item \d+: overflow page 16777215 beyond the end of the file$/,
    );
    assert.equal(warnings[0]?.path, 'var/lib/rpm/Packages');

    const cut = readFileSync(join(testdata, 'bdb-le-4096', 'Packages')).subarray(0, 12 * pageSize);
    const partial = parseRpmDb(fileAt('var/lib/rpm/Packages', cut), undefined);
    assert.ok(partial.packages.length < 12);
    assert.ok(partial.warnings.length > 0);
  });

  it('random corruption anywhere in the file never throws out of the reader', () => {
    const original = readFileSync(join(testdata, 'bdb-be-512', 'Packages'));
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const content = Buffer.from(original);
      for (let k = 0; k < 1 + rand(20); k++) content[rand(content.length)] = rand(256);
      const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/Packages', content), undefined);
      assert.ok(packages.length <= 12 && packages.length + warnings.length > 0, `round ${round}`);
    }
  });

  it('rejects what is not a hash database', () => {
    assert.throws(() => [...readBdbHashValues(Buffer.alloc(4096))], /not a Berkeley DB hash file/);
    const { packages, warnings } = parseRpmDb(fileAt('var/lib/rpm/Packages', Buffer.from('hello')), undefined);
    assert.deepEqual(packages, []);
    assert.match(warnings[0]?.message ?? '', /not an rpm database/);
  });
});
