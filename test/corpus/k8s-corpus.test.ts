import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { hardenKubernetes } from '../../src/manifests/k8s/harden.js';
import { checkKubernetesText, KUBERNETES_RULES, kubernetesChecker } from '../../src/manifests/k8s/index.js';
import { objectsOf, validateObject } from './k8s-schema.js';

/**
 * The 200 real Kubernetes manifests: every file is claimed and either checked or reported as a
 * located error, per-rule counts equal the snapshot (regenerate with UPDATE_SNAPSHOT=1 and review the
 * diff), and `harden` output re-checks with no finding of a fixable rule, still parses, and every
 * object that validated against the Kubernetes schemas before hardening still does after.
 */
const CORPUS = join(import.meta.dirname, '../../../shared/data/k8s');
const SNAPSHOT = join(import.meta.dirname, 'k8s-snapshot.json');
const skip = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}`;

function corpusFiles(): string[] {
  return readdirSync(CORPUS, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('corpus of 200 real Kubernetes manifests', { skip }, () => {
  it('checks every file (or locates its error), and per-rule counts match the snapshot', () => {
    const files = corpusFiles();
    assert.equal(files.length, 200);
    const findings: Record<string, number> = Object.fromEntries(KUBERNETES_RULES.map((r) => [r.meta.id, 0]));
    const filesWith: Record<string, number> = Object.fromEntries(KUBERNETES_RULES.map((r) => [r.meta.id, 0]));
    const errors: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const name = relative(CORPUS, file);
      assert.ok(kubernetesChecker.claims(file, text), `${name} is not recognised as Kubernetes`);
      const result = checkKubernetesText(text, name, KUBERNETES_RULES);
      for (const e of result.errors) {
        assert.ok(e.line && e.column, `${name}: error without a position: ${e.message}`);
        errors.push(`${e.path}:${e.line}:${e.column}: ${e.message}`);
      }
      const seen = new Set<string>();
      for (const f of result.findings) {
        findings[f.ruleId] = (findings[f.ruleId] ?? 0) + 1;
        seen.add(f.ruleId);
      }
      for (const id of seen) filesWith[id] = (filesWith[id] ?? 0) + 1;
    }
    const actual = { files: files.length, errors, findings, filesWithFinding: filesWith };
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(SNAPSHOT), 'no snapshot: run with UPDATE_SNAPSHOT=1 and commit test/corpus/k8s-snapshot.json');
    assert.deepEqual(actual, JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });

  it('harden: re-checks clean for every fixable rule, still parses, and keeps schema-valid objects valid', async () => {
    const fixable = new Set(KUBERNETES_RULES.filter((r) => r.meta.fixable).map((r) => r.meta.id));
    const problems: string[] = [];
    let hardened = 0;
    let objects = 0;
    let validBefore = 0;
    let invalidBefore = 0;
    let unknownKinds = 0;
    for (const file of corpusFiles()) {
      const name = relative(CORPUS, file);
      const text = readFileSync(file, 'utf8');
      const result = hardenKubernetes(text, name);
      if (result.errors.length > 0) {
        assert.equal(result.text, text, `${name}: a file that does not parse must not be rewritten`);
        continue;
      }
      if (result.changed) hardened++;
      if (!result.stable) problems.push(`${name}: fixes did not reach a fixed point`);
      const again = checkKubernetesText(result.text, name, KUBERNETES_RULES);
      if (again.errors.length > 0) problems.push(`${name}: hardened text does not parse: ${again.errors[0]?.message}`);
      for (const f of again.findings) {
        if (fixable.has(f.ruleId))
          problems.push(`${name}:${f.location.line}: ${f.ruleId} left after harden: ${f.message}`);
      }
      const before = objectsOf(text);
      const after = objectsOf(result.text);
      if (before.length !== after.length)
        problems.push(`${name}: ${before.length} objects before, ${after.length} after`);
      for (const [i, object] of before.entries()) {
        objects++;
        const verdict = await validateObject(object);
        if (verdict.kind === 'unknown') {
          unknownKinds++;
          continue;
        }
        if (verdict.kind === 'invalid') {
          invalidBefore++;
          continue;
        }
        validBefore++;
        const hardenedVerdict = await validateObject(after[i]);
        if (hardenedVerdict.kind !== 'valid') {
          problems.push(
            `${name}: object ${i + 1} no longer validates: ${hardenedVerdict.kind === 'invalid' ? hardenedVerdict.error : 'unknown'}`,
          );
        }
      }
    }
    console.log(
      `harden: ${hardened} files changed; ${objects} objects: ${validBefore} schema-valid before and after, ${invalidBefore} invalid already before hardening, ${unknownKinds} of kinds kubernetes-models does not know`,
    );
    assert.deepEqual(problems, []);
  });
});
