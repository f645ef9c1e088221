import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'drydock-k8s-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n';

describe('drydock k8s', () => {
  it('check: findings with line, column and PSS level; exit 1; --fail-on and --only by peer id', async () => {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, POD);
    const all = await runCli(['k8s', 'check', file, '-q']);
    assert.equal(all.code, 1, all.stderr);
    assert.match(
      all.stdout,
      /pod\.yaml:10:19 critical DK1005 container "web" of Pod "web" is privileged: .* \(PSS baseline\)/,
    );
    const only = await runCli(['k8s', 'check', file, '--only', 'KSV017', '-f', 'json']);
    const report = JSON.parse(only.stdout) as { findings: { ruleId: string }[] };
    assert.deepEqual(
      report.findings.map((f) => f.ruleId),
      ['DK1005'],
    );
    const clean = await runCli(['k8s', 'check', file, '--only', 'KSV009']);
    assert.equal(clean.code, 0, clean.stdout);
  });

  it('bad YAML is one located error line and exit 2; harden never rewrites it', async () => {
    const file = join(dir, 'bad.yaml');
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n';
    writeFileSync(file, text);
    const check = await runCli(['k8s', 'check', file, '-q']);
    assert.equal(check.code, 2);
    assert.match(check.stdout + check.stderr, /bad\.yaml:5:3/);
    const harden = await runCli(['k8s', 'harden', file, '--write']);
    assert.equal(harden.code, 2);
    assert.equal(harden.stderr.trim(), `drydock: error: ${file}:5:3: Map keys must be unique`);
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('harden: a diff by default, -o writes the hardened file, --check exits 1 until it is clean', async () => {
    const file = join(dir, 'web.yaml');
    writeFileSync(file, POD);
    const diff = await runCli(['k8s', 'harden', file]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(diff.stdout, /^-\s+privileged: true$/m);
    assert.match(diff.stdout, /^\+\s+privileged: false$/m);
    assert.match(diff.stderr, /note: container "web" of Pod "web": added emptyDir volume "tmp" at \/tmp/);
    assert.match(diff.stderr, /DK5002 needs a human/);
    assert.equal((await runCli(['k8s', 'harden', file, '--check', '-q'])).code, 1);
    const out = join(dir, 'web.secure.yaml');
    assert.equal((await runCli(['k8s', 'harden', file, '-o', out, '-q'])).code, 0);
    assert.equal(readFileSync(file, 'utf8'), POD);
    assert.equal((await runCli(['k8s', 'harden', out, '--check', '-q'])).code, 0);
    const recheck = await runCli(['k8s', 'check', out, '--only', 'DK1005', 'DK2002', 'DK2003', 'DK3001', 'DK2006']);
    assert.equal(recheck.code, 0, recheck.stdout);
  });
});
