import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { auditPaths } from '../src/audit/audit-paths.js';
import { gate } from '../src/policy/gate.js';
import { renderAuditText } from '../src/report/audit-text.js';
import { runCli } from './support/run-cli.js';

const example = join(import.meta.dirname, '../examples/migrate-platform');
const osv = join(import.meta.dirname, '../../shared/data/osv/pypi');
const rel = (p: string) => join(example, p);

/**
 * `drydock audit` is the quick start's main job: every checker over the bundled example, one report.
 * Each file must be checked as its kind and show the guide's gaps for that kind.
 */
describe('drydock audit examples/migrate-platform', () => {
  it('checks every file as its kind and finds the guide gaps of each', async () => {
    assert.ok(existsSync(osv), `${osv} is missing (../shared/data)`);
    const report = await auditPaths([example], { deps: { osv: [osv] } });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(Object.fromEntries([...report.fileKinds].map(([f, k]) => [f.slice(example.length + 1), k])), {
      Dockerfile: ['dockerfile'],
      'docker-compose.yml': ['compose'],
      'ecs/task-definition.json': ['ecs'],
      'k8s/deployment.yaml': ['kubernetes'],
      'requirements.txt': ['dependencies'],
    });
    const idsIn = (file: string) =>
      new Set(report.findings.filter((f) => f.location.path === rel(file)).map((f) => f.ruleId));
    const expected: Record<string, string[]> = {
      // digest pin, non-root USER, apt upgrade, secrets in ENV, curl | sh
      Dockerfile: ['DD1003', 'DD2002', 'DD3004', 'DD6001', 'DD5001'],
      // privileged, docker.sock, user, read_only, cap_drop ALL, no-new-privileges, password in environment
      'docker-compose.yml': ['DC1001', 'DC1002', 'DC2001', 'DC2002', 'DC2004', 'DC2006', 'DC4001'],
      // readonlyRootFilesystem, user, drop ALL, secret in environment
      'ecs/task-definition.json': ['DE1002', 'DE2001', 'DE2002', 'DE4001'],
      // privileged, allowPrivilegeEscalation, runAsNonRoot, drop ALL, readOnlyRootFilesystem, :latest
      'k8s/deployment.yaml': ['DK1005', 'DK2002', 'DK2003', 'DK2006', 'DK3001', 'DK5001'],
      // Django 4.2.7 is vulnerable; pyyaml unpinned; requests/celery loosely pinned
      'requirements.txt': ['DP1004', 'DP1001', 'DP1002'],
    };
    for (const [file, ids] of Object.entries(expected)) {
      const got = idsIn(file);
      assert.deepEqual(
        ids.filter((id) => !got.has(id)),
        [],
        `${file}: expected rules missing (got ${[...got].join(' ')})`,
      );
    }
    // Every finding belongs to one of the five files, and the report's rule table covers every finding.
    const ruleIds = new Set(report.rules.map((r) => r.id));
    for (const f of report.findings) {
      assert.ok(report.files.includes(f.location.path), f.location.path);
      assert.ok(ruleIds.has(f.ruleId), `${f.ruleId} missing from the rule table`);
    }
    assert.equal(gate(report).exitCode, 1);

    const text = renderAuditText(report, { color: false });
    for (const file of Object.keys(expected)) {
      assert.equal(text.split('\n').filter((l) => l.startsWith(`${rel(file)} (`)).length, 1, `one block for ${file}`);
    }
    const total = text.split('\n').find((l) => l.startsWith('total'));
    assert.match(total ?? '', new RegExp(`^total\\s+5\\s+${report.findings.length}\\s`));
  });

  it('routes a named file to its own checker only', async () => {
    const report = await auditPaths([rel('k8s/deployment.yaml')], { deps: false });
    assert.deepEqual([...report.fileKinds.values()], [['kubernetes']]);
    assert.ok(report.findings.every((f) => f.ruleId.startsWith('DK')));
    assert.ok(report.findings.length > 0);
  });

  it('CLI: exit 1 with findings, every format, one-line error for a missing path', async () => {
    const json = await runCli(['audit', example, '--no-vulns', '-f', 'json']);
    assert.equal(json.code, 1, json.stderr);
    const parsed = JSON.parse(json.stdout) as { files: string[]; findings: { file: string }[] };
    assert.equal(parsed.files.length, 5);
    assert.equal(new Set(parsed.findings.map((f) => f.file)).size, 5);
    const sarif = await runCli(['audit', example, '--no-vulns', '-f', 'sarif']);
    const log = JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] };
    assert.equal(log.runs[0]?.results.length, parsed.findings.length);
    const strict = await runCli(['audit', example, '--no-vulns', '--fail-on', 'critical', '--only', 'DK1005']);
    assert.equal(strict.code, 1, 'the privileged k8s container is critical');
    const missing = await runCli(['audit', join(example, 'nope'), '--no-vulns']);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.stderr.trim().split('\n')[0],
      `drydock: error: ${join(example, 'nope')}: no such file or directory`,
    );
  });
});
