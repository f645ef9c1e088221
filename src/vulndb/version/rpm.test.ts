import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseRpmEvr, rpmComparer, rpmvercmp } from './rpm.js';
import { SHARED_DATA, seededRandom } from './testdata/support.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/**
 * rpm's own documented vectors (rpm tests/rpmvercmp.at, `RPMVERCMP(a, b, expected)`), grouped by the rule
 * they pin down. They are also run through the real rpm below when it is installed.
 */
const RPMVERCMP_AT: readonly [string, string, number][] = [
  // Numeric segments compare by value, and more segments is newer when the common ones are equal.
  ['1.0', '1.0', 0],
  ['1.0', '2.0', -1],
  ['2.0', '1.0', 1],
  ['2.0.1', '2.0.1', 0],
  ['2.0', '2.0.1', -1],
  ['2.0.1', '2.0', 1],
  // A trailing alpha segment is newer than nothing.
  ['2.0.1a', '2.0.1a', 0],
  ['2.0.1a', '2.0.1', 1],
  ['2.0.1', '2.0.1a', -1],
  // Alpha/numeric boundaries split segments: p1 < p2 < p10.
  ['5.5p1', '5.5p1', 0],
  ['5.5p1', '5.5p2', -1],
  ['5.5p2', '5.5p1', 1],
  ['5.5p10', '5.5p10', 0],
  ['5.5p1', '5.5p10', -1],
  ['5.5p10', '5.5p1', 1],
  ['10xyz', '10.1xyz', -1],
  ['10.1xyz', '10xyz', 1],
  ['xyz10', 'xyz10', 0],
  ['xyz10', 'xyz10.1', -1],
  ['xyz10.1', 'xyz10', 1],
  // A numeric segment beats an alpha one.
  ['xyz.4', 'xyz.4', 0],
  ['xyz.4', '8', -1],
  ['8', 'xyz.4', 1],
  ['xyz.4', '2', -1],
  ['2', 'xyz.4', 1],
  ['5.5p2', '5.6p1', -1],
  ['5.6p1', '5.5p2', 1],
  ['5.6p1', '6.5p1', -1],
  ['6.5p1', '5.6p1', 1],
  // So "rc" after a dot is just an extra segment, which makes the version NEWER (hence `~` exists).
  ['6.0.rc1', '6.0', 1],
  ['6.0', '6.0.rc1', -1],
  // Alpha segments compare as strings.
  ['10b2', '10a1', 1],
  ['10a2', '10b2', -1],
  ['1.0aa', '1.0aa', 0],
  ['1.0a', '1.0aa', -1],
  ['1.0aa', '1.0a', 1],
  // Leading zeros are ignored in numeric segments.
  ['10.0001', '10.0001', 0],
  ['10.0001', '10.1', 0],
  ['10.1', '10.0001', 0],
  ['10.0001', '10.0039', -1],
  ['10.0039', '10.0001', 1],
  ['4.999.9', '5.0', -1],
  ['5.0', '4.999.9', 1],
  ['20101121', '20101121', 0],
  ['20101121', '20101122', -1],
  ['20101122', '20101121', 1],
  // Separators are all alike: only the segments matter.
  ['2_0', '2_0', 0],
  ['2.0', '2_0', 0],
  ['2_0', '2.0', 0],
  ['a', 'a', 0],
  ['a+', 'a+', 0],
  ['a+', 'a_', 0],
  ['a_', 'a+', 0],
  ['+a', '+a', 0],
  ['+a', '_a', 0],
  ['_a', '+a', 0],
  ['+_', '+_', 0],
  ['_+', '+_', 0],
  ['_+', '_+', 0],
  ['+', '_', 0],
  ['_', '+', 0],
  // `~` sorts before anything, even the end of the string: 1.0~rc1 < 1.0.
  ['1.0~rc1', '1.0~rc1', 0],
  ['1.0~rc1', '1.0', -1],
  ['1.0', '1.0~rc1', 1],
  ['1.0~rc1', '1.0~rc2', -1],
  ['1.0~rc2', '1.0~rc1', 1],
  ['1.0~rc1~git123', '1.0~rc1~git123', 0],
  ['1.0~rc1~git123', '1.0~rc1', -1],
  ['1.0~rc1', '1.0~rc1~git123', 1],
  // `^` sorts after the end of the string but before any further segment: 1.0 < 1.0^git1 < 1.01.
  ['1.0^', '1.0^', 0],
  ['1.0^', '1.0', 1],
  ['1.0', '1.0^', -1],
  ['1.0^git1', '1.0^git1', 0],
  ['1.0^git1', '1.0', 1],
  ['1.0', '1.0^git1', -1],
  ['1.0^git1', '1.0^git2', -1],
  ['1.0^git2', '1.0^git1', 1],
  ['1.0^git1', '1.01', -1],
  ['1.01', '1.0^git1', 1],
  ['1.0^20160101', '1.0^20160101', 0],
  ['1.0^20160101', '1.0.1', -1],
  ['1.0.1', '1.0^20160101', 1],
  ['1.0^20160101^git1', '1.0^20160101^git1', 0],
  ['1.0^20160102', '1.0^20160101^git1', 1],
  ['1.0^20160101^git1', '1.0^20160102', -1],
  ['1.0~rc1^git1', '1.0~rc1^git1', 0],
  ['1.0~rc1^git1', '1.0~rc1', 1],
  ['1.0~rc1', '1.0~rc1^git1', -1],
  ['1.0^git1~pre', '1.0^git1~pre', 0],
  ['1.0^git1', '1.0^git1~pre', 1],
  ['1.0^git1~pre', '1.0^git1', -1],
];

/** Whole-EVR rules (rpm lib/rpmver.c rpmverCmp), each with the rule it shows. */
const EVR_RULES: readonly [string, number, string, string][] = [
  ['1:1.0-1', 1, '2.0-1', 'the epoch decides first'],
  ['0:1.0-1', 0, '1.0-1', 'a missing epoch is 0'],
  ['1.0-2', 1, '1.0-1', 'equal versions: the release decides'],
  ['1.0-1', 1, '1.0', 'no release sorts below any release (rpm.vercmp)'],
  ['1.0-~rc1', 1, '1.0', 'no release sorts below any release, even a ~ one'],
  ['1.0a-1', -1, '1.0.1-1', 'numeric beats alpha in the same position: 1.0a < 1.0.1'],
  ['1.0-1.el9', -1, '1.0-1.el9_1', 'a longer release with equal prefix is newer'],
  ['1.0~rc1-5', -1, '1.0-1', '~ makes a pre-release older whatever the release'],
  ['2.34-2.cm2', 1, '2.34-1.cm2', 'CBL-Mariner style releases compare segment by segment'],
  ['1.10-1', 1, '1.9-1', 'numeric segments compare by value, not as text'],
];

describe('rpmvercmp: rpm tests/rpmvercmp.at vectors', () => {
  it(`has ${RPMVERCMP_AT.length} vectors`, () => assert.equal(RPMVERCMP_AT.length, 91));
  for (const [a, b, expected] of RPMVERCMP_AT) {
    it(`rpmvercmp(${a}, ${b}) = ${expected}`, () => {
      assert.equal(rpmvercmp(a, b), expected);
      assert.equal(sign(rpmComparer.compare(a, b)), expected);
    });
  }
});

describe('rpm EVR order', () => {
  for (const [a, expected, b, rule] of EVR_RULES) {
    it(`${a} vs ${b} = ${expected}: ${rule}`, () => {
      assert.equal(sign(rpmComparer.compare(a, b)), expected);
      assert.equal(sign(rpmComparer.compare(b, a)), sign(-expected));
    });
  }
  it('parses epoch, version and release like rpm (release after the last hyphen)', () => {
    assert.deepEqual(parseRpmEvr('1:2.3-4.el9'), { epoch: '1', version: '2.3', release: '4.el9' });
    assert.deepEqual(parseRpmEvr('2.3'), { version: '2.3' });
    assert.deepEqual(parseRpmEvr(':2.3-1'), { epoch: '0', version: '2.3', release: '1' });
    assert.deepEqual(parseRpmEvr('a-b-c'), { version: 'a-b', release: 'c' });
  });
  it('validity: rpmbuild characters, at most one hyphen, a numeric epoch', () => {
    for (const v of ['1.0', '1:1.0-1.el9', '1.0~rc1^git2-0.1', '2.34-2.cm2']) assert.ok(rpmComparer.valid(v), v);
    for (const v of ['', '1.0-', 'a-b-c', 'x:1.0', '1.0 1', '1.0-1:2', '1.0/2']) assert.ok(!rpmComparer.valid(v), v);
  });
});

const rpm = spawnSync('rpm', ['--version'], { encoding: 'utf8' });
const rpmMissing = rpm.error !== undefined || rpm.status !== 0;
const skip = rpmMissing ? 'rpm is not installed: cross-check skipped' : false;

/** Ask the real rpm (one process, its embedded Lua, whose print adds no newline) for rpm.vercmp of every pair: rpmverCmp on EVRs. */
function realRpmVercmp(dir: string, pairs: readonly [string, string][]): number[] {
  const file = join(dir, 'pairs.tsv');
  writeFileSync(file, `${pairs.map(([a, b]) => `${a}\t${b}`).join('\n')}\n`);
  const lua = `%{lua: for line in io.lines("${file}") do local t = string.find(line, "\\t", 1, true); print(rpm.vercmp(string.sub(line, 1, t - 1), string.sub(line, t + 1)) .. "\\n") end}`;
  const run = spawnSync('rpm', ['--eval', lua], { encoding: 'utf8', maxBuffer: 1 << 24 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n').map(Number);
}

describe('rpm order against the real rpm', () => {
  it('agrees on every rpmvercmp.at and EVR rule vector', { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-rpm-'));
    try {
      const pairs: [string, string][] = [
        ...RPMVERCMP_AT.map(([a, b]): [string, string] => [a, b]),
        ...EVR_RULES.map(([a, , b]): [string, string] => [a, b]),
      ];
      const answers = realRpmVercmp(dir, pairs);
      assert.deepEqual(
        pairs.map(([a, b]) => sign(rpmComparer.compare(a, b))),
        answers,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees on all pairs of the EVRs installed in the pkgdb/rpm databases', { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-rpm-'));
    try {
      const evrs = new Set<string>();
      const dbRoot = join(SHARED_DATA, 'pkgdb/rpm');
      for (const name of readdirSync(dbRoot, { withFileTypes: true })) {
        if (!name.isDirectory()) continue;
        // Query a copy: rpm may write lock/WAL files next to the database, and shared data is read-only.
        const copy = join(dir, name.name);
        cpSync(join(dbRoot, name.name), copy, { recursive: true });
        const q = spawnSync('rpm', ['-qa', '--dbpath', copy, '--qf', '%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\\n'], {
          encoding: 'utf8',
        });
        // This rpm build may lack a backend (e.g. SUSE's ndb); such a database just yields nothing.
        for (const line of q.stdout.split('\n')) if (line !== '') evrs.add(line);
      }
      const list = [...evrs].sort();
      assert.ok(list.length >= 80, `only ${list.length} EVRs read`);
      assert.deepEqual(
        list.filter((v) => !rpmComparer.valid(v)),
        [],
      );
      const pairs: [string, string][] = [];
      for (const a of list) for (const b of list) pairs.push([a, b]);
      const answers = realRpmVercmp(dir, pairs);
      const mismatches = pairs
        .map(([a, b], i) => ({ a, b, rpm: answers[i], ours: sign(rpmComparer.compare(a, b)) }))
        .filter((r) => r.rpm !== r.ours);
      assert.deepEqual(mismatches, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees on 10,000 seeded random strings built from digits, letters, . _ ~ ^ - and :', { skip }, () => {
    // Random strings reach corners no real version does (runs of ~ and ^, empty segments, epochs mid-string).
    const random = seededRandom(99);
    const alphabet = '0019abzZ.._~^-:';
    const word = (): string => {
      let w = '';
      const n = 1 + Math.floor(random() * 8);
      for (let i = 0; i < n; i++) w += alphabet.charAt(Math.floor(random() * alphabet.length));
      return w;
    };
    const pairs: [string, string][] = [];
    for (let i = 0; i < 10_000; i++) pairs.push([word(), word()]);
    const dir = mkdtempSync(join(tmpdir(), 'drydock-rpm-'));
    try {
      const answers = realRpmVercmp(dir, pairs);
      const mismatches = pairs
        .map(([a, b], i) => ({ a, b, rpm: answers[i], ours: sign(rpmComparer.compare(a, b)) }))
        .filter((r) => r.rpm !== r.ours);
      assert.deepEqual(mismatches, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
