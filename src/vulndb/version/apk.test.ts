import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { apkComparer, compareApkVersions, isValidApkVersion } from './apk.js';
import { readShared, readSharedJson, SHARED_DATA, seededRandom, shuffled } from './testdata/support.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/**
 * Each row: a, expected sign of compare(a, b), b, and the apk-tools rule it exercises
 * (apk-tools src/version.c; grammar `digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}`).
 */
const RULES: readonly [string, -1 | 0 | 1, string, string][] = [
  ['1.2.3-r0', 0, '1.2.3-r0', 'identical versions are equal'],
  ['1.10', 1, '1.9', 'release components compare numerically'],
  ['10', 1, '9', 'the first component compares numerically'],
  ['1.2', -1, '1.2.1', 'a release that is a prefix of another is older'],
  ['1.2.0', 1, '1.2', 'a trailing .0 still makes the release longer, hence newer'],
  ['1.01', -1, '1.1', 'a component with a leading zero compares as text: "01" < "1"'],
  ['1.001', -1, '1.01', 'leading-zero components compare as text: "001" < "01"'],
  ['1.2', -1, '1.2a', 'a letter after the release is newer than none'],
  ['1.2a', -1, '1.2b', 'letters compare alphabetically'],
  ['1.2z', -1, '1.2.1', 'a longer release beats a letter'],
  ['1.2_alpha', -1, '1.2_beta', 'pre-release order: alpha < beta'],
  ['1.2_beta', -1, '1.2_pre', 'pre-release order: beta < pre'],
  ['1.2_pre', -1, '1.2_rc', 'pre-release order: pre < rc'],
  ['1.2_rc1', -1, '1.2', 'any pre-release suffix is older than no suffix'],
  ['1.2', -1, '1.2_cvs', 'a post-release suffix is newer than no suffix'],
  ['1.2_cvs', -1, '1.2_svn', 'post-release order: cvs < svn'],
  ['1.2_svn', -1, '1.2_git', 'post-release order: svn < git'],
  ['1.2_git', -1, '1.2_hg', 'post-release order: git < hg'],
  ['1.2_hg', -1, '1.2_p', 'post-release order: hg < p'],
  ['1.2_rc', -1, '1.2_rc1', 'a suffix number makes the suffix newer'],
  ['1.2_rc2', -1, '1.2_rc10', 'suffix numbers compare numerically'],
  ['1.2_p9', -1, '1.2_p10', 'patch-level numbers compare numerically'],
  ['1.2_alpha_pre2', -1, '1.2_alpha', 'a second pre-release suffix makes it older'],
  ['1.2_alpha', -1, '1.2_alpha_p1', 'a second post-release suffix makes it newer'],
  ['1.2_p1', -1, '1.2a', 'a letter beats a suffix at the same release'],
  ['1.2-r0', 1, '1.2', 'any -rN is newer than no revision'],
  ['1.2-r9', -1, '1.2-r10', 'revisions compare numerically'],
  ['1.2_rc1-r5', -1, '1.2-r0', 'a pre-release is older whatever its revision'],
  ['1.2_p1-r0', 1, '1.2-r9', 'a post-release is newer whatever the revision'],
  ['1.2~abc1-r0', 1, '1.2-r5', 'a ~commit hash is newer than none, whatever the revision'],
  ['1.2~abc1', -1, '1.2~abc2', 'commit hashes compare as text'],
  ['20191002', 1, '3.0', 'date versions are just large numbers'],
  ['1.0.0_pre20191002222144', -1, '1.0.0_pre20210530193627', 'long suffix numbers do not overflow'],
  ['1.0bc', -1, '1.0b', 'an invalid tail sorts below where the valid version ends'],
  ['1.0', -1, '1.0bc', 'a letter still beats the end of string, before the invalid tail matters'],
  ['2.7.16-33', -1, '2.7.16', 'an invalid tail ("-33", no r) sorts below the same version without it'],
];

describe('apk version order: rules from apk-tools version.c', () => {
  for (const [a, expected, b, rule] of RULES) {
    it(`${a} ${expected < 0 ? '<' : expected > 0 ? '>' : '='} ${b}: ${rule}`, () => {
      assert.equal(sign(apkComparer.compare(a, b)), expected);
      assert.equal(sign(apkComparer.compare(b, a)), sign(-expected));
    });
  }
});

/**
 * The documented grammar as one regular expression: an independent statement of which versions apk accepts.
 * Groups: release, letter, suffixes, hash, revision.
 */
const GRAMMAR =
  /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:~([0-9a-f]+))?(?:-r(\d+))?$/;

/** Real versions: every secfixes key of Alpine secdb v3.3-v3.11 and every V: line of the apk installed DBs. */
function realVersions(): string[] {
  const seen = new Set<string>();
  const secdb = join(SHARED_DATA, 'alpine-secdb/alpine-secdb-json');
  interface SecDb {
    packages: { pkg: { secfixes?: Record<string, unknown> | null } }[] | null;
  }
  for (const branch of readdirSync(secdb)) {
    for (const file of readdirSync(join(secdb, branch))) {
      const db = readSharedJson<SecDb>(`alpine-secdb/alpine-secdb-json/${branch}/${file}`);
      for (const p of db.packages ?? []) for (const v of Object.keys(p.pkg.secfixes ?? {})) seen.add(v);
    }
  }
  for (const dir of readdirSync(join(SHARED_DATA, 'pkgdb/apk'))) {
    for (const line of readShared(`pkgdb/apk/${dir}/installed`).split('\n')) {
      if (line.startsWith('V:')) seen.add(line.slice(2));
    }
  }
  return [...seen].sort();
}

/**
 * A second, key-based implementation of the documented order, to check the token-streaming one:
 * longer release wins, then letter (none lowest), then suffixes (pre < none < post, missing number lowest),
 * then hash (none lowest), then revision (none lowest). It covers versions whose number-less suffixes are
 * last, which is every real version used here.
 */
function keyCompare(a: string, b: string): number {
  const ma = GRAMMAR.exec(a);
  const mb = GRAMMAR.exec(b);
  if (ma === null || mb === null) throw new Error(`outside the grammar: ${a} / ${b}`);
  const num = (x: string, y: string): number => sign(Number(BigInt(x) - BigInt(y)));
  const text = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const ra = (ma[1] ?? '').split('.');
  const rb = (mb[1] ?? '').split('.');
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i] as string;
    const y = rb[i] as string;
    const r = i > 0 && (x.startsWith('0') || y.startsWith('0')) ? text(x, y) : num(x, y);
    if (r !== 0) return r;
  }
  if (ra.length !== rb.length) return ra.length < rb.length ? -1 : 1;
  const la = ma[2] ?? '';
  const lb = mb[2] ?? '';
  if (la !== lb) return text(la, lb);
  const rank = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
  const suffixes = (s: string): [number, bigint][] =>
    [...s.matchAll(/_([a-z]+)(\d*)/g)].map((m) => [rank.indexOf(m[1] ?? ''), m[2] ? BigInt(m[2]) : -1n]);
  const sa = suffixes(ma[3] ?? '');
  const sb = suffixes(mb[3] ?? '');
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const [xa, na] = sa[i] ?? [rank.indexOf(''), -1n];
    const [xb, nb] = sb[i] ?? [rank.indexOf(''), -1n];
    if (xa !== xb) return xa < xb ? -1 : 1;
    if (na !== nb) return na < nb ? -1 : 1;
  }
  const ha = ma[4];
  const hb = mb[4];
  if (ha !== hb) return ha === undefined ? -1 : hb === undefined ? 1 : text(ha, hb);
  const va = ma[5];
  const vb = mb[5];
  if (va !== vb) return va === undefined ? -1 : vb === undefined ? 1 : num(va, vb);
  return 0;
}

describe('apk versions from Alpine secdb and apk installed databases', () => {
  const versions = realVersions();
  const inGrammar = versions.filter((v) => GRAMMAR.test(v));
  const outside = versions.filter((v) => !GRAMMAR.test(v));

  it(`validity agrees with the grammar for all ${versions.length} distinct real versions`, () => {
    assert.ok(versions.length > 1400, `${versions.length}`);
    assert.deepEqual(
      inGrammar.filter((v) => !isValidApkVersion(v)),
      [],
    );
    // secdb has typos such as 6.6.2p1-r0, 0.8.21.r2, 2.7.16-33 that apk itself rejects.
    assert.ok(outside.length > 0);
    assert.deepEqual(
      outside.filter((v) => isValidApkVersion(v)),
      [],
    );
  });

  it(`sorting the ${inGrammar.length} well-formed versions matches the key-based order`, () => {
    const bySeed = shuffled(inGrammar, seededRandom(7));
    assert.deepEqual([...bySeed].sort(compareApkVersions), [...bySeed].sort(keyCompare));
  });

  it('20,000 seeded random pairs agree with the key-based order', () => {
    const random = seededRandom(1234);
    const pick = (): string => inGrammar[Math.floor(random() * inGrammar.length)] as string;
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = pick();
      const b = pick();
      if (sign(compareApkVersions(a, b)) !== keyCompare(a, b)) mismatches.push(`${a} vs ${b}`);
    }
    assert.deepEqual(mismatches, []);
  });

  it('invalid versions still get an order and never throw', () => {
    for (const v of outside) assert.equal(typeof apkComparer.compare(v, '1.0-r0'), 'number');
  });
});
