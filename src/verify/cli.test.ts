import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';
import { CHECKS } from './checks/index.js';
import { CRAFTED_FAILS, writeCraftedImage } from './testdata/crafted-image.js';

/** `drydock verify` as a user runs it: a child process, exit codes, formats, output files. */
describe('drydock verify (CLI)', () => {
  let dir = '';
  let ref = '';
  let env: Record<string, string> = {};
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-verify-cli-'));
    ref = (await writeCraftedImage(join(dir, 'oci'))).ref;
    // No database and an empty cache: the vulnerability gate is skipped, never a download.
    env = { DRYDOCK_CACHE_DIR: join(dir, 'cache') };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the checklist and exits 1 on the crafted image', async () => {
    const r = await runCli(['verify', ref, '--offline'], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /FAIL {2}DV1001 {2}Runs as a non-root user that exists in the image {2}\(whoami\)/);
    assert.match(r.stdout, /\nnot verified: 5 failed, 13 passed, 2 skipped \(exit 1\)\n$/);
  });

  it('-f json -o FILE writes the report; --skip of the failing checks passes (exit 0)', async () => {
    const out = join(dir, 'report.json');
    const r = await runCli(['verify', ref, '--offline', '-f', 'json', '-o', out, '--skip', ...CRAFTED_FAILS], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { verdict: { passed: boolean }; results: { id: string }[] };
    assert.equal(doc.verdict.passed, true);
    assert.equal(doc.results.length, CHECKS.length - CRAFTED_FAILS.length);
  });

  it('--only takes ids and peer aliases', async () => {
    const r = await runCli(['verify', ref, '--offline', '-f', 'json', '--only', 'CIS-DI-0008', 'dv6003'], env);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as { results: { id: string }[] }).results.map((x) => x.id),
      ['DV6001', 'DV6003'],
    );
  });

  it('--fail-on critical turns the high failures into warnings', async () => {
    const r = await runCli(['verify', ref, '--offline', '--fail-on', 'critical'], env);
    assert.equal(r.code, 1, 'DV5001 (a critical secret) still fails');
    assert.match(r.stdout, /not verified: 1 failed, 4 warnings, 13 passed, 2 skipped \(exit 1\)/);
  });

  it('--list-checks prints the catalogue', async () => {
    const r = await runCli(['verify', '--list-checks'], env);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n').filter((l) => /^DV\d{4} /.test(l)).length, CHECKS.length);
    const json = await runCli(['verify', '--list-checks', '-f', 'json'], env);
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, CHECKS.length);
  });

  it('usage and input errors are one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['verify'], /^drydock: error: verify needs an image\n/],
      [['verify', ref, '--only', 'DV0000'], /^drydock: error: --only: no such check: DV0000\n/],
      [['verify', ref, '--max-packages', 'many'], /^drydock: error: --max-packages takes a number \(got "many"\)\n/],
      [['verify', ref, '--max', 'critical=zero'], /^drydock: error: --max: "critical=zero" is not SEVERITY=COUNT\n/],
      [['verify', `oci-dir:${join(dir, 'missing')}`], /^drydock: error: .*missing/],
    ];
    for (const [args, stderr] of cases) {
      const r = await runCli(args, env);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, stderr);
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('drydock:')).length, 1);
    }
    assert.ok(!existsSync(join(dir, 'cache', 'db')));
  });
});
