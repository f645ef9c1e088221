#!/usr/bin/env node
// Regenerates the synthetic Berkeley DB rpmdbs in this folder from the CBL-Mariner 2.0 rpmdb.sqlite
// fixture (../shared/data/pkgdb/rpm/go-rpmdb__cbl-mariner-2.0): the N smallest header blobs, stored the
// way rpm's BDB backend stores them (key = u32 instance number, native order; key 0 = next instance),
// written by libdb's own db5.3_load (apt: db5.3-util). Usage: node make-bdb-fixtures.mjs [OUT_DIR]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '../../../../../shared/data/pkgdb/rpm/go-rpmdb__cbl-mariner-2.0/rpmdb.sqlite');

/** Writes one hash database; `count` 0 = every package. */
export function makeBdb(out, { count, pageSize, bigEndian }) {
  const tmp = mkdtempSync(join(tmpdir(), 'drydock-bdbgen-'));
  copyFileSync(source, join(tmp, 'rpmdb.sqlite'));
  const db = new Database(join(tmp, 'rpmdb.sqlite'), { readonly: true });
  const rows = db.prepare(`SELECT blob FROM Packages ORDER BY length(blob), hnum${count ? ` LIMIT ${count}` : ''}`).all();
  db.close();
  const u32 = (n) => {
    const b = Buffer.alloc(4);
    if (bigEndian) b.writeUInt32BE(n);
    else b.writeUInt32LE(n);
    return b.toString('hex');
  };
  const lines = ['VERSION=3', 'format=bytevalue', 'type=hash', `db_pagesize=${pageSize}`, 'HEADER=END'];
  lines.push(` ${u32(0)}`, ` ${u32(rows.length + 1)}`);
  rows.forEach((row, i) => lines.push(` ${u32(i + 1)}`, ` ${Buffer.from(row.blob).toString('hex')}`));
  lines.push('DATA=END', '');
  writeFileSync(join(tmp, 'dump.txt'), lines.join('\n'));
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('db5.3_load', ['-f', join(tmp, 'dump.txt'), '-c', `db_lorder=${bigEndian ? 4321 : 1234}`, out]);
  return rows.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? here;
  console.log(makeBdb(join(outDir, 'bdb-le-4096/Packages'), { count: 12, pageSize: 4096, bigEndian: false }));
  console.log(makeBdb(join(outDir, 'bdb-be-512/Packages'), { count: 12, pageSize: 512, bigEndian: true }));
  console.log(makeBdb(join(outDir, 'bdb-inline-32768/Packages'), { count: 6, pageSize: 32768, bigEndian: false }));
}
