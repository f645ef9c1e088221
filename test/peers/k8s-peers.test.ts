import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KUBERNETES_RULES, kubernetesChecker } from '../../src/manifests/k8s/index.js';
import { PEER_DIR } from './peer-cases.js';

/**
 * The peers' own Kubernetes cases, run against the drydock rules that list the peer's id as an alias:
 * trivy-checks' pass/fail files for every KSV alias, kube-score's fixtures with their expected grades
 * for every kube-score alias. A case agrees when drydock reports something (fail / critical / warning)
 * or nothing (pass / ok) as the peer asserts. Deliberate disagreements are in expected-k8s/<ALIAS>.json
 * with a reason; a new disagreement, or a recorded one that no longer happens, fails the test.
 */
const TRIVY_DIR = join(PEER_DIR, 'trivy-checks');
const KUBE_SCORE_DIR = join(PEER_DIR, 'kube-score');
const EXPECTED_DIR = join(import.meta.dirname, 'expected-k8s');
const skip = existsSync(TRIVY_DIR) && existsSync(KUBE_SCORE_DIR) ? false : `peer test data not found at ${PEER_DIR}`;

interface K8sPeerCase {
  readonly peer: 'trivy' | 'kube-score';
  /** The peer's id, as listed in a drydock alias: `KSV001`, `container-resources`. */
  readonly alias: string;
  /** Stable key, used in expected-k8s/<alias>.json. */
  readonly key: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly expect: 'catch' | 'pass';
}

interface TrivyRow {
  kind: string;
  short_id: string;
  expect: 'pass' | 'fail';
  file: string;
}

interface KubeScoreRow {
  check_id: string;
  spec: string;
  fixtures: string[];
  expect: string;
  grade?: number;
  run_config?: Record<string, unknown> | null;
  checks_config?: Record<string, unknown> | null;
}

/** kube-score run options that change what a check requires; drydock has no equivalent switch. */
const UNMAPPED_KUBE_SCORE_OPTIONS = ['IgnoreContainerCpuLimitRequirement', 'IgnoreContainerMemoryLimitRequirement'];

function aliases(): Set<string> {
  return new Set(KUBERNETES_RULES.flatMap((r) => r.meta.aliases));
}

function trivyCases(wanted: ReadonlySet<string>): K8sPeerCase[] {
  const rows = JSON.parse(readFileSync(join(TRIVY_DIR, 'cases.json'), 'utf8')) as TrivyRow[];
  return rows
    .filter((r) => r.kind === 'kubernetes' && wanted.has(r.short_id))
    .map((r) => ({
      peer: 'trivy' as const,
      alias: r.short_id,
      key: r.file,
      files: [{ path: r.file, text: readFileSync(join(TRIVY_DIR, r.file), 'utf8') }],
      expect: r.expect === 'fail' ? ('catch' as const) : ('pass' as const),
    }));
}

function kubeScoreCases(wanted: ReadonlySet<string>): K8sPeerCase[] {
  const rows = JSON.parse(readFileSync(join(KUBE_SCORE_DIR, 'cases.json'), 'utf8')) as KubeScoreRow[];
  const out: K8sPeerCase[] = [];
  for (const r of rows) {
    // Only graded rows: `skipped`/`summary` rows test kube-score's annotations and output, not the check.
    if (!wanted.has(r.check_id) || r.expect !== 'grade' || r.grade === undefined || r.grade === 0) continue;
    if (UNMAPPED_KUBE_SCORE_OPTIONS.some((o) => r.run_config?.[o] !== undefined)) continue;
    out.push({
      peer: 'kube-score',
      alias: r.check_id,
      key: `${r.spec} ${r.fixtures.join(',')}`,
      files: r.fixtures.map((f) => ({ path: f, text: readFileSync(join(KUBE_SCORE_DIR, f), 'utf8') })),
      // Grades: 1 critical, 5 warning (both a finding), 10 ok.
      expect: r.grade < 10 ? 'catch' : 'pass',
    });
  }
  return out;
}

interface Outcome {
  readonly case: K8sPeerCase;
  readonly agrees: boolean;
  readonly detail: string;
}

function run(c: K8sPeerCase): Outcome {
  const details: string[] = [];
  let found = 0;
  for (const f of c.files) {
    // Every rule that lists the alias: `--only KSV104` runs both seccomp rules, as a user would.
    const result = kubernetesChecker.check(f.path, f.text, { only: [c.alias] });
    found += result.findings.length;
    details.push(...result.errors.map((e) => `error ${e.line}:${e.column} ${e.message}`));
    details.push(...result.findings.map((x) => `${x.ruleId}@${x.location.line}`));
  }
  const agrees = c.expect === 'pass' ? found === 0 : found > 0;
  return { case: c, agrees, detail: details.join(', ') || 'none' };
}

function expected(alias: string): Record<string, string> {
  const path = join(EXPECTED_DIR, `${alias}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}

describe('Kubernetes peer test suites', { skip }, () => {
  for (const [peer, load] of [
    ['trivy-checks', trivyCases],
    ['kube-score', kubeScoreCases],
  ] as const) {
    it(`${peer}: every aliased check agrees with the peer's own cases, except recorded disagreements`, () => {
      const cases = load(aliases());
      assert.ok(cases.length > 0, 'no cases matched an alias');
      const byAlias = new Map<string, Outcome[]>();
      for (const c of cases) byAlias.set(c.alias, [...(byAlias.get(c.alias) ?? []), run(c)]);
      const problems: string[] = [];
      const table: string[] = [];
      for (const [alias, outcomes] of [...byAlias.entries()].sort()) {
        const recorded = expected(alias);
        table.push(`${alias} ${outcomes.filter((o) => o.agrees).length}/${outcomes.length}`);
        for (const o of outcomes) {
          const reason = recorded[o.case.key];
          if (!o.agrees && reason === undefined)
            problems.push(`new disagreement ${alias} ${o.case.key}: peer says ${o.case.expect}, drydock: ${o.detail}`);
          if (o.agrees && reason !== undefined)
            problems.push(`recorded disagreement no longer happens: ${alias} ${o.case.key}`);
        }
        for (const key of Object.keys(recorded)) {
          if (!outcomes.some((o) => o.case.key === key))
            problems.push(`expected-k8s/${alias}.json names an unknown case ${key}`);
        }
      }
      const all = [...byAlias.values()].flat();
      console.log(`${peer}: ${all.filter((o) => o.agrees).length}/${all.length} cases agree (${table.join(', ')})`);
      assert.deepEqual(problems, []);
    });
  }
});
