import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../test/support/run-cli.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/migrate-platform');
const PINNED = 'ghcr.io/org/app:1.4@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5';

describe('drydock compose|ecs|railway|generate (CLI)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'drydock-compose-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('compose check: findings exit 1, --fail-on critical exits 0, SARIF names the rules', async () => {
    const file = join(EXAMPLE, 'docker-compose.yml');
    const text = await runCli(['compose', 'check', file]);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /docker-compose\.yml:12:9 high DC1002 service "web" mounts the container runtime socket/);
    assert.match(text.stdout, /14 findings \(5 high, 9 medium\) in 1 file/);
    assert.equal((await runCli(['compose', 'check', file, '--fail-on', 'critical'])).code, 0);
    const sarif = await runCli(['compose', 'check', file, '-f', 'sarif']);
    const rules = JSON.parse(sarif.stdout).runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(rules.includes('DC1001') && rules.includes('DC4001'));
  });

  it('compose check: a file that does not parse is one located error, exit 2', async () => {
    const bad = join(dir, 'docker-compose.yml');
    writeFileSync(bad, 'services:\n  web:\n    image: app:1\n   user: root\n');
    const result = await runCli(['compose', 'check', bad]);
    assert.equal(result.code, 2);
    assert.match(result.stdout + result.stderr, /docker-compose\.yml:4:\d+/);
  });

  it('compose harden: -o writes the secure file, which re-checks with only what needs a human', async () => {
    const out = join(dir, 'docker-compose.secure.yml');
    const result = await runCli(['compose', 'harden', join(EXAMPLE, 'docker-compose.yml'), '-o', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /add tmpfs \/tmp, \/var\/run\/postgresql \(DC2003/);
    assert.match(result.stderr, /DC1002 needs a human/);
    const recheck = await runCli(['compose', 'check', out, '-f', 'json']);
    const ids = new Set<string>(JSON.parse(recheck.stdout).findings.map((f: { ruleId: string }) => f.ruleId));
    assert.deepEqual([...ids].sort(), ['DC1002', 'DC4001', 'DC5001']);
    assert.equal((await runCli(['compose', 'harden', '--check', out])).code, 0);
    assert.equal((await runCli(['compose', 'harden', '--check', join(EXAMPLE, 'docker-compose.yml')])).code, 1);
  });

  it('ecs harden --write, then ecs check passes the guide rules', async () => {
    const file = join(dir, 'task-definition.json');
    copyFileSync(join(EXAMPLE, 'ecs/task-definition.json'), file);
    const diff = await runCli(['ecs', 'harden', file]);
    assert.match(diff.stdout, /\+ {6}"readonlyRootFilesystem": true,/);
    const write = await runCli(['ecs', 'harden', '--write', '-q', file]);
    assert.equal(write.code, 0, write.stderr);
    assert.equal(write.stderr, '');
    JSON.parse(readFileSync(file, 'utf8'));
    const check = await runCli(['ecs', 'check', file, '--only', 'CKV_AWS_336', 'DE2001', 'DE2002', 'DE1003']);
    assert.equal(check.code, 0, check.stdout);
  });

  it('railway check: the deployed Dockerfile is linted at --fail-on high', async () => {
    const app = join(dir, 'railway-app');
    mkdirSync(app);
    writeFileSync(join(app, 'Dockerfile'), 'FROM python:3.11\nCMD ["python"]\n');
    writeFileSync(
      join(app, 'railway.toml'),
      '[build]\nbuilder = "DOCKERFILE"\n\n[deploy]\nhealthcheckPath = "/health"\n',
    );
    const result = await runCli(['railway', 'check', app]);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /railway\.toml:2:1 high DR1002 the deployed Dockerfile .*Dockerfile has 1 finding at high or above \(DD2002 line 1\)/,
    );
  });

  it('generate compose|ecs|k8s: each checks clean under its own kind', async () => {
    for (const [kind, file] of [
      ['compose', 'docker-compose.yml'],
      ['ecs', 'task-definition.json'],
      ['k8s', 'app.yaml'],
    ] as const) {
      const out = join(dir, `generated-${file}`);
      const generated = await runCli(['generate', kind, '--image', PINNED, '--port', '8000', '-o', out, '-q']);
      assert.equal(generated.code, 0, generated.stderr);
      const check = await runCli([kind, 'check', out]);
      assert.equal(check.code, 0, `${kind}: ${check.stdout}`);
    }
    const bad = await runCli(['generate', 'swarm', '--image', PINNED]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown kind "swarm"/);
    const root = await runCli(['generate', 'compose', '--image', PINNED, '--user', '0']);
    assert.equal(root.code, 2);
    assert.match(root.stderr, /--user 0 is root/);
  });
});
