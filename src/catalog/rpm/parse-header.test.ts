import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { parseRpmHeader, RpmHeaderError, splitSourceRpm } from './parse-header.js';
import { makeHeader, sharedRpmDb } from './testdata/oracle.js';

/** Header blobs straight from the real sqlite rpmdb, read with better-sqlite3 (not our reader). */
function marinerBlobs(): Buffer[] | undefined {
  const src = sharedRpmDb('go-rpmdb__cbl-mariner-2.0/rpmdb.sqlite');
  if (!src) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'drydock-rpmh-'));
  try {
    copyFileSync(src, join(dir, 'rpmdb.sqlite'));
    const db = new Database(join(dir, 'rpmdb.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT blob FROM Packages ORDER BY hnum').all() as { blob: Buffer }[];
    db.close();
    return rows.map((r) => r.blob);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NEVR: [number, string][] = [
  [1000, 'zlib'],
  [1001, '1.2.11'],
  [1002, '31.el8'],
  [1022, 'x86_64'],
  [1044, 'zlib-1.2.11-31.el8.src.rpm'],
  [1014, '(none)'],
];

describe('parseRpmHeader', () => {
  it('reads a hand-built header, with and without the immutable region', () => {
    for (const region of [true, false]) {
      const h = parseRpmHeader(makeHeader(NEVR, { region }));
      assert.deepEqual(h, {
        name: 'zlib',
        version: '1.2.11',
        release: '31.el8',
        arch: 'x86_64',
        sourceRpm: 'zlib-1.2.11-31.el8.src.rpm',
      });
    }
  });

  it('reads every real Mariner header; fields match rpm’s own name index', (t) => {
    const blobs = marinerBlobs();
    if (!blobs) return t.skip('../shared/data/pkgdb absent');
    assert.equal(blobs.length, 129);
    const names = blobs.map((b) => parseRpmHeader(b).name);
    // The Name table is rpm's index, written separately from the blobs: an independent check.
    const src = sharedRpmDb('go-rpmdb__cbl-mariner-2.0/rpmdb.sqlite') ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'drydock-rpmh-'));
    copyFileSync(src, join(dir, 'x.sqlite'));
    const db = new Database(join(dir, 'x.sqlite'), { readonly: true });
    const indexed = (db.prepare('SELECT key FROM Name ORDER BY hnum').all() as { key: string }[]).map((r) => r.key);
    db.close();
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(names, indexed);
    const bash = blobs.map((b) => parseRpmHeader(b)).find((h) => h.name === 'bash');
    assert.deepEqual(bash, {
      name: 'bash',
      version: '5.1.8',
      release: '1.cm2',
      arch: 'x86_64',
      sourceRpm: 'bash-5.1.8-1.cm2.src.rpm',
      license: 'GPLv3',
      size: 3565139,
      vendor: 'Microsoft Corporation',
    });
  });

  it('rejects corrupt headers with RpmHeaderError, never reading out of bounds', () => {
    const good = makeHeader(NEVR);
    const edit =
      (f: (b: Buffer) => unknown) =>
      (b: Buffer): Buffer => {
        f(b);
        return b;
      };
    const cases: [string, (b: Buffer) => Buffer][] = [
      ['empty', () => Buffer.alloc(0)],
      ['truncated', (b) => b.subarray(0, b.length - 5)],
      ['il = 0', edit((b) => b.writeUInt32BE(0, 0))],
      ['il huge', edit((b) => b.writeUInt32BE(0xffffffff, 0))],
      ['dl huge', edit((b) => b.writeUInt32BE(0x7fffffff, 4))],
      ['region trailer offset out of range', edit((b) => b.writeInt32BE(1_000_000, 16))],
      ['region trailer negative', edit((b) => b.writeInt32BE(-16, 16))],
      ['entry offset past data', edit((b) => b.writeInt32BE(10_000, 8 + 16 + 8))],
      ['bad type', edit((b) => b.writeUInt32BE(99, 8 + 16 + 4))],
      ['NAME is an integer', edit((b) => b.writeUInt32BE(4, 8 + 16 + 4))],
      [
        'string without NUL',
        (b) => {
          const dataStart = 8 + 7 * 16;
          b.fill(0x41, dataStart, b.length - 16);
          return b;
        },
      ],
    ];
    for (const [label, corrupt] of cases) {
      assert.throws(() => parseRpmHeader(corrupt(Buffer.from(good))), RpmHeaderError, label);
    }
  });

  it('survives random byte flips in real headers: parses or throws RpmHeaderError, nothing else', (t) => {
    const blobs = marinerBlobs();
    if (!blobs) return t.skip('../shared/data/pkgdb absent');
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let rejected = 0;
    for (let round = 0; round < 2000; round++) {
      const blob = Buffer.from(blobs[rand(blobs.length)] ?? Buffer.alloc(0));
      // Aim at the index (where the offsets live) half the time.
      const span = round % 2 === 0 ? Math.min(blob.length, 8 + 16 * 40) : blob.length;
      for (let k = 0; k < 1 + rand(8); k++) blob[rand(span)] = rand(256);
      try {
        parseRpmHeader(blob);
      } catch (err) {
        assert.ok(err instanceof RpmHeaderError, `round ${round}: ${String(err)}`);
        rejected++;
      }
    }
    t.diagnostic(`${rejected} of 2000 corrupted headers rejected, the rest still parsed`);
    assert.ok(rejected > 0);
  });
});

describe('splitSourceRpm', () => {
  it('strips -VERSION-RELEASE.src.rpm', () => {
    assert.deepEqual(splitSourceRpm('util-linux-2.32.1-42.el8_8.src.rpm'), {
      name: 'util-linux',
      version: '2.32.1-42.el8_8',
    });
    assert.deepEqual(splitSourceRpm('gcc11-11.2.1+git610-1.3.9.src.rpm'), {
      name: 'gcc11',
      version: '11.2.1+git610-1.3.9',
    });
    assert.deepEqual(splitSourceRpm('foo-1-2.nosrc.rpm'), { name: 'foo', version: '1-2' });
    assert.deepEqual(splitSourceRpm('weird.src.rpm'), { name: 'weird' });
  });
});
