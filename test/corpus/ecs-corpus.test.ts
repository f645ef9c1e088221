import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { hardenEcs } from '../../src/manifests/ecs/harden.js';
import { checkEcsText, ecsChecker } from '../../src/manifests/ecs/index.js';
import { ECS_RULES } from '../../src/manifests/ecs/rules/index.js';
import { countByRule, dataFiles, dataName } from './manifest-corpus.js';

/**
 * The 62 aws-samples task definitions: each is claimed and checked without an error, per-rule counts
 * match the snapshot, and `harden` output is still strict JSON (JSON.parse), re-checks with no fixable
 * finding left, and keeps every container's original settings. Regenerate the snapshot with
 * UPDATE_SNAPSHOT=1 node scripts/run-tests.mjs test/corpus/ecs-corpus.test.ts and review the diff.
 */
const SNAPSHOT = join(import.meta.dirname, 'ecs-snapshot.json');
const files = dataFiles('ecs', /\.json$/);

type Json = Record<string, unknown>;

/** Keys whose values are free-form maps (log driver options, labels): not renamed for CloudFormation. */
const FREE_FORM = new Set(['options', 'dockerLabels']);
const CFN_SPELLING: Record<string, string> = {
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  fileSystemId: 'FilesystemId',
};

/** The same task definition as an `AWS::ECS::TaskDefinition` resource: every key in PascalCase. */
function toCloudFormation(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => toCloudFormation(v, key));
  if (!value || typeof value !== 'object' || (key && FREE_FORM.has(key))) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      CFN_SPELLING[k] ?? k.charAt(0).toUpperCase() + k.slice(1),
      toCloudFormation(v, k),
    ]),
  );
}

function containersOf(doc: Json): Json[] {
  const task = (doc.taskDefinition as Json | undefined) ?? doc;
  return (task.containerDefinitions as Json[] | undefined) ?? [];
}

describe('ECS corpus (62 aws-samples task definitions)', {
  skip: files.length > 0 ? false : 'no ../shared/data/ecs',
}, () => {
  it('checks every file, and per-rule counts and harden results match the snapshot', () => {
    assert.equal(files.length, 62);
    const perFile: Finding[][] = [];
    const errors: string[] = [];
    const left: string[] = [];
    const changes: Record<string, number> = {};
    let containers = 0;
    const started = performance.now();
    for (const file of files) {
      const name = dataName(file);
      const text = readFileSync(file, 'utf8');
      assert.ok(ecsChecker.claims(name, text), `${name} is not claimed as an ECS file`);
      const result = ecsChecker.check(name, text);
      errors.push(...result.errors.map((e) => `${name}: ${e.message}`));
      perFile.push([...result.findings]);

      const hardened = hardenEcs(text, name);
      for (const c of hardened.changes) changes[c.ruleId] = (changes[c.ruleId] ?? 0) + 1;
      const before = JSON.parse(text) as Json;
      const after = JSON.parse(hardened.text) as Json;
      // Harden only adds or tightens: every original container setting is still there, or was made safer.
      const tightened = new Set(['privileged', 'readonlyRootFilesystem', 'user', 'linuxParameters', 'mountPoints']);
      containersOf(before).forEach((c, i) => {
        containers++;
        const h = containersOf(after)[i] ?? {};
        for (const [k, v] of Object.entries(c)) {
          if (!tightened.has(k)) assert.deepEqual(h[k], v, `${name}: container ${i} ${k} changed`);
        }
      });
      const recheck = checkEcsText(hardened.text, name, ECS_RULES);
      assert.deepEqual(recheck.errors, [], `${name}: hardened text does not parse`);
      left.push(...recheck.findings.filter((f) => f.fix).map((f) => `${name}:${f.location.line} ${f.ruleId}`));
    }
    const elapsed = performance.now() - started;
    assert.deepEqual(errors, []);
    assert.deepEqual(left, [], 'hardened files still have fixable findings');
    const actual = {
      files: files.length,
      containers,
      ...countByRule(
        ECS_RULES.map((r) => r.meta.id),
        perFile,
      ),
      harden: { changes },
    };
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(SNAPSHOT), 'no snapshot: run with UPDATE_SNAPSHOT=1');
    assert.deepEqual(actual, JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
    assert.ok(elapsed < 5000, `corpus took ${elapsed.toFixed(0)} ms`);
  });

  it('finds the same things when each task definition is written as a CloudFormation template', () => {
    const differences: string[] = [];
    for (const file of files) {
      const name = dataName(file);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Json;
      const task = (doc.taskDefinition as Json | undefined) ?? doc;
      const template = {
        Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: toCloudFormation(task) } },
      };
      const cfn = JSON.stringify(template, null, 2);
      const describe = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId} ${f.message}`).sort();
      const api = describe(ecsChecker.check(name, readFileSync(file, 'utf8')).findings);
      const viaCfn = describe(ecsChecker.check(`${name}.template.json`, cfn).findings);
      if (api.join('\n') !== viaCfn.join('\n'))
        differences.push(`${name}:\n  api: ${api.join('; ')}\n  cfn: ${viaCfn.join('; ')}`);
      // And harden writes CloudFormation spelling that re-checks clean.
      const hardened = hardenEcs(cfn, `${name}.template.json`);
      const left = checkEcsText(hardened.text, `${name}.template.json`, ECS_RULES).findings.filter((f) => f.fix);
      assert.deepEqual(
        left.map((f) => f.ruleId),
        [],
        `${name} as CloudFormation`,
      );
    }
    assert.deepEqual(differences, []);
  });
});
