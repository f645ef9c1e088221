import type { ManifestKindChecker } from '../kind-checker.js';
import { ManifestFile } from '../manifest-file.js';
import type { ManifestRule } from '../rule.js';
import type { ManifestCheckResult } from '../rule-tester.js';
import { type RuleSelection, runManifestRules, selectManifestRules } from '../run-rules.js';
import { RULES } from './rules/index.js';
import { type Workload, workloadsOf } from './subjects.js';

export { RULES as KUBERNETES_RULES } from './rules/index.js';

/** A top-level `apiVersion:` and `kind:` (YAML or JSON): every Kubernetes object has both. */
const API_VERSION = /^[ \t]*["']?apiVersion["']?[ \t]*:/m;
const KIND = /^[ \t]*["']?kind["']?[ \t]*:/m;

/** Checks one file's text with the given rules (the RuleTester's and the benchmark's entry point). */
export function checkKubernetesText(
  text: string,
  path: string,
  rules: readonly ManifestRule<Workload>[],
): ManifestCheckResult {
  const file = new ManifestFile(path, text);
  if (file.errors.length > 0) return { findings: [], errors: file.errors };
  return { findings: runManifestRules(file, workloadsOf(file), rules), errors: [] };
}

export const kubernetesChecker: ManifestKindChecker = {
  kind: 'kubernetes',
  rules: RULES.map((r) => r.meta),
  claims(path, text) {
    if (!/\.(ya?ml|json)$/i.test(path) && path !== '-') return false;
    return API_VERSION.test(text) && KIND.test(text);
  },
  check(path, text, selection?: RuleSelection) {
    return checkKubernetesText(text, path, selectManifestRules(RULES, selection));
  },
};
