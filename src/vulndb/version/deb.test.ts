import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compareDebPart, debComparer, parseDebVersion } from './deb.js';
import { readShared, readSharedJson, seededRandom, shuffled } from './testdata/support.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

function tsvRows(relative: string): string[][] {
  const lines = readShared(relative).split('\n').slice(1);
  return lines.filter((l) => l !== '').map((l) => l.split('\t'));
}

describe('deb version order: dpkg-versions.tsv (dpkg Dpkg_Version.t + t-version.c)', () => {
  const rows = tsvRows('vectors/dpkg-versions.tsv');
  it('has all 54 upstream rows', () => assert.equal(rows.length, 54));
  for (const [a = '', b = '', expected = ''] of rows) {
    it(`${a} vs ${b} -> ${expected}`, () => {
      const got = sign(debComparer.compare(a, b));
      // `ne` rows: the C test only asserts the two versions differ.
      if (expected === 'ne') assert.notEqual(got, 0);
      else assert.equal(got, Number(expected));
      // Antisymmetry is part of a comparator's contract, so check the reverse too.
      assert.equal(sign(debComparer.compare(b, a)), sign(-got));
    });
  }
});

describe('deb version parse: dpkg-version-parse.tsv (t-version.c test_version_parse)', () => {
  // In the file, `\t` stands for a TAB and `\\` for one backslash.
  const decodeField = (s: string): string => s.replace(/\\(t|\\)/g, (_m, c: string) => (c === 't' ? '\t' : '\\'));
  const rows = tsvRows('vectors/dpkg-version-parse.tsv');
  it('has all 80 upstream rows', () => assert.equal(rows.length, 80));
  for (const [rawInput = '', result, epoch, upstream, revision, severity] of rows) {
    const input = decodeField(rawInput);
    it(`${JSON.stringify(input)} is ${result}${severity ? ` (${severity})` : ''}`, () => {
      const parsed = parseDebVersion(input);
      assert.equal(debComparer.valid(input), result === 'valid');
      if (result === 'valid') {
        assert.ok(parsed.ok && parsed.warning === undefined, JSON.stringify(parsed));
        assert.deepEqual(parsed.version, { epoch: Number(epoch), upstream, revision });
      } else if (severity === 'error') {
        // dpkg refuses these outright, so comparing them must throw.
        assert.equal(parsed.ok, false);
        assert.throws(() => debComparer.compare(input, '1.0'), /invalid Debian version/);
      } else {
        // Warnings: dpkg still parses and compares the version, but it is not valid.
        assert.ok(parsed.ok && parsed.warning !== undefined, JSON.stringify(parsed));
      }
    });
  }
});

describe('deb version sort: dpkg-version-sort.json (Dpkg_Version.t)', () => {
  interface SortCase {
    comparator: string;
    unsorted: string[];
    expected_sorted: string[];
  }
  const { cases } = readSharedJson<{ cases: SortCase[] }>('vectors/dpkg-version-sort.json');
  it('has the 3 upstream lists', () => assert.equal(cases.length, 3));
  for (const c of cases) {
    it(c.comparator, () => {
      // version_compare = whole versions; _part and _string = verrevcmp on the raw strings.
      const cmp = c.comparator === 'version_compare' ? debComparer.compare : compareDebPart;
      assert.deepEqual([...c.unsorted].sort(cmp), c.expected_sorted);
    });
  }
});

describe('deb version order: 1,000 real Debian snapshot versions (curl, nginx, blender)', () => {
  const { packages } = readSharedJson<{ packages: Record<string, string[]> }>('vectors/debian-snapshot-versions.json');
  const all = Object.values(packages).flat();
  it('has 1,000 versions, all valid', () => {
    assert.equal(all.length, 1000);
    assert.deepEqual(
      all.filter((v) => !debComparer.valid(v)),
      [],
    );
  });
  for (const [name, newestFirst] of Object.entries(packages)) {
    it(`${name}: ${newestFirst.length} versions, the archive's newest-first order is strictly descending`, () => {
      for (let i = 0; i + 1 < newestFirst.length; i++) {
        const a = newestFirst[i] as string;
        const b = newestFirst[i + 1] as string;
        assert.equal(sign(debComparer.compare(a, b)), 1, `${a} > ${b}`);
      }
      const resorted = shuffled(newestFirst, seededRandom(42)).sort((a, b) => debComparer.compare(b, a));
      assert.deepEqual(resorted, newestFirst);
    });
  }

  const dpkg = spawnSync('dpkg', ['--version'], { encoding: 'utf8' });
  const dpkgMissing = dpkg.error !== undefined || dpkg.status !== 0;
  it('agrees with the real `dpkg --compare-versions` on 10,000 seeded random pairs', {
    skip: dpkgMissing ? 'dpkg is not installed: cross-check skipped' : false,
    timeout: 300_000,
  }, () => {
    const random = seededRandom(20240605);
    const pick = (): string => all[Math.floor(random() * all.length)] as string;
    const pairs: [string, string][] = [];
    for (let i = 0; i < 10_000; i++) pairs.push([pick(), pick()]);
    const dir = mkdtempSync(join(tmpdir(), 'drydock-dpkg-'));
    try {
      const file = join(dir, 'pairs.tsv');
      writeFileSync(file, `${pairs.map(([a, b]) => `${a}\t${b}`).join('\n')}\n`);
      // One shell for all pairs: spawning one node child per pair would take minutes.
      const script = [
        'while IFS=$(printf "\\t") read -r a b; do',
        '  if dpkg --compare-versions "$a" lt "$b"; then echo -1;',
        '  elif dpkg --compare-versions "$a" gt "$b"; then echo 1;',
        '  else echo 0; fi',
        `done < "$1"`,
      ].join('\n');
      const run = spawnSync('bash', ['-c', script, 'bash', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
      assert.equal(run.status, 0, run.stderr);
      const answers = run.stdout.trim().split('\n').map(Number);
      assert.equal(answers.length, pairs.length);
      const mismatches = pairs
        .map(([a, b], i) => ({ a, b, dpkg: answers[i], ours: sign(debComparer.compare(a, b)) }))
        .filter((r) => r.dpkg !== r.ours);
      assert.deepEqual(mismatches, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
