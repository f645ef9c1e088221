import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { runCli } from '../../test/support/run-cli.js';
import { DrydockError } from '../core/errors.js';
import { findReferences } from '../pin/find-references.js';
import { type CiOptions, DEFAULT_BUDGET, DEFAULT_CRON } from './ci-options.js';
import { GITHUB_SCAN_WORKFLOW, GITHUB_UPDATE_WORKFLOW, githubScanWorkflow, githubUpdateWorkflow } from './github.js';
import { GITLAB_PIPELINE, GITLAB_ROOT, gitlabPipeline } from './gitlab.js';
import { initCi } from './init-ci.js';
import { PINNED_ACTIONS } from './pinned-actions.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'testdata/github-workflow.json'), 'utf8')) as object;
// SchemaStore schemas use keywords outside Ajv's strict vocabulary (e.g. `markdownDescription`).
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

const options: CiOptions = {
  dockerfile: 'docker/Dockerfile',
  context: 'docker',
  budget: DEFAULT_BUDGET,
  paths: ['.'],
  cron: DEFAULT_CRON,
  drydockVersion: '0.1.0',
  nodeVersion: '20',
};

/** Every `uses:` value anywhere in a parsed workflow. */
function usesOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(usesOf);
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => (k === 'uses' && typeof v === 'string' ? [v] : usesOf(v)));
  }
  return [];
}

describe('drydock init ci templates', () => {
  const workflows = {
    [GITHUB_UPDATE_WORKFLOW]: githubUpdateWorkflow(options),
    [GITHUB_SCAN_WORKFLOW]: githubScanWorkflow(options),
  };

  it('the GitHub workflows are valid YAML that validates against the GitHub workflow JSON schema', () => {
    for (const [path, text] of Object.entries(workflows)) {
      const doc = parse(text, { strict: true }) as unknown;
      const ok = validate(doc);
      assert.ok(ok, `${path}: ${JSON.stringify(validate.errors, null, 1)}`);
    }
  });

  it('the schema is not a rubber stamp: a broken workflow fails it', () => {
    const doc = parse(workflows[GITHUB_UPDATE_WORKFLOW] ?? '') as { jobs: { update: Record<string, unknown> } };
    delete doc.jobs.update['runs-on'];
    doc.jobs.update['run-on'] = 'ubuntu-latest';
    assert.equal(validate(doc), false);
  });

  it('every `uses:` is an action pinned by a 40-hex commit SHA, with its release in a comment', () => {
    let count = 0;
    for (const text of Object.values(workflows)) {
      for (const uses of usesOf(parse(text))) {
        count++;
        assert.match(uses, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, uses);
        assert.ok(
          PINNED_ACTIONS.some((a) => uses === `${a.name}@${a.sha}`),
          `${uses} is not in PINNED_ACTIONS`,
        );
      }
      for (const line of text.split('\n').filter((l) => /\buses:/.test(l)))
        assert.match(line, /@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
    assert.equal(count, 5);
  });

  it('the update workflow runs drydock update, rebuilds, scans with the budget and opens a PR', () => {
    const doc = parse(workflows[GITHUB_UPDATE_WORKFLOW] ?? '') as {
      on: { schedule: { cron: string }[] };
      jobs: {
        update: {
          permissions: Record<string, string>;
          steps: { run?: string; uses?: string; with?: Record<string, string> }[];
        };
      };
    };
    assert.equal(doc.on.schedule[0]?.cron, DEFAULT_CRON);
    const steps = doc.jobs.update.steps;
    const runs = steps.map((s) => s.run ?? '').join('\n');
    assert.match(
      runs,
      /npx --yes drydock@0\.1\.0 update \. --pr-title "\$RUNNER_TEMP\/pr-title\.txt" --pr-body "\$RUNNER_TEMP\/pr-body\.md"/,
    );
    assert.match(runs, /docker build --pull -f docker\/Dockerfile -t drydock-ci\/app:update docker/);
    assert.match(runs, /drydock@0\.1\.0 scan "docker-archive:\$RUNNER_TEMP\/image\.tar" --max critical=0,high=9/);
    assert.doesNotMatch(runs, /sed -i/);
    const pr = steps.find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
    assert.equal(pr?.with?.['body-path'], '${{ runner.temp }}/pr-body.md');
    assert.deepEqual(doc.jobs.update.permissions, { contents: 'write', 'pull-requests': 'write' });
  });

  it('the GitLab pipeline parses, has a push scan job and a scheduled update job with a merge request step', () => {
    const doc = parse(gitlabPipeline(options), { strict: true }) as Record<
      string,
      { rules?: { if: string }[]; script?: string[]; extends?: string }
    >;
    assert.equal(doc['drydock-scan']?.rules?.[0]?.if, '$CI_PIPELINE_SOURCE == "push"');
    assert.equal(doc['drydock-update']?.rules?.[0]?.if, '$CI_PIPELINE_SOURCE == "schedule" && $DRYDOCK_UPDATE == "1"');
    const update = (doc['drydock-update']?.script ?? []).join('\n');
    assert.match(update, /\$DRYDOCK update \. --pr-title title\.txt --pr-body body\.md/);
    assert.match(update, /\$DRYDOCK scan docker-archive:image\.tar --max "\$DRYDOCK_BUDGET"/);
    assert.match(update, /--data-urlencode "description@body\.md"[\s\S]*\/merge_requests"/);
    // drydock finds the job images in its own pipeline, so `drydock pin` can pin them.
    const refs = findReferences(GITLAB_PIPELINE, gitlabPipeline(options));
    assert.deepEqual(
      refs?.references.map((r) => r.image),
      ['docker:27-cli', 'docker:27-dind'],
    );
  });

  it('writes the files, refuses to overwrite without force, and leaves an existing .gitlab-ci.yml alone', () => {
    const root = mkdtempSync(join(tmpdir(), 'drydock-init-'));
    const first = initCi(root, 'github', options);
    assert.deepEqual(first.written, [GITHUB_UPDATE_WORKFLOW, GITHUB_SCAN_WORKFLOW]);
    writeFileSync(join(root, GITHUB_SCAN_WORKFLOW), 'mine\n');
    assert.throws(
      () => initCi(root, 'github', options),
      (e: unknown) =>
        e instanceof DrydockError && /drydock-update\.yml, .*drydock-scan\.yml already exists/.test(e.message),
    );
    assert.equal(readFileSync(join(root, GITHUB_SCAN_WORKFLOW), 'utf8'), 'mine\n');
    initCi(root, 'github', options, true);
    assert.equal(readFileSync(join(root, GITHUB_SCAN_WORKFLOW), 'utf8'), workflows[GITHUB_SCAN_WORKFLOW]);

    const gl = mkdtempSync(join(tmpdir(), 'drydock-init-gl-'));
    writeFileSync(join(gl, GITLAB_ROOT), 'stages: [build]\n');
    const result = initCi(gl, 'gitlab', options);
    assert.deepEqual(result.written, [GITLAB_PIPELINE]);
    assert.equal(readFileSync(join(gl, GITLAB_ROOT), 'utf8'), 'stages: [build]\n');
    assert.ok(result.nextSteps.some((s) => s.includes(`local: ${GITLAB_PIPELINE}`)));
    const fresh = mkdtempSync(join(tmpdir(), 'drydock-init-gl2-'));
    assert.deepEqual(initCi(fresh, 'gitlab', options).written, [GITLAB_PIPELINE, GITLAB_ROOT]);
  });

  it('the CLI writes, then refuses with exit 2 and one line, then --force replaces', async () => {
    const root = mkdtempSync(join(tmpdir(), 'drydock-init-cli-'));
    mkdirSync(join(root, '.github'));
    const ok = await runCli(['init', 'ci', '--github', '--dir', root]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(
      ok.stdout,
      /wrote \.github\/workflows\/drydock-update\.yml\nwrote \.github\/workflows\/drydock-scan\.yml/,
    );
    const again = await runCli(['init', 'ci', '--github', '--dir', root]);
    assert.equal(again.code, 2);
    assert.match(
      again.stderr,
      /^drydock: error: .*: \.github\/workflows\/drydock-update\.yml, \.github\/workflows\/drydock-scan\.yml already exists: not overwritten\nhint: pass --force/,
    );
    const forced = await runCli(['init', 'ci', '--github', '--dir', root, '--force', '--budget', 'critical=0,high=5']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(join(root, GITHUB_UPDATE_WORKFLOW), 'utf8'), /--max critical=0,high=5/);
    const neither = await runCli(['init', 'ci', '--dir', root]);
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /choose one of --github or --gitlab/);
    assert.ok(!existsSync(join(root, GITLAB_PIPELINE)));
  });
});
