import type { ManifestKind, ManifestRuleMeta } from './rule.js';
import type { ManifestCheckResult } from './rule-tester.js';
import type { RuleSelection } from './run-rules.js';

/**
 * What each deployment format exports (one per folder: `k8s/`, `ecs/`, `compose/`, `railway/`), so
 * `drydock audit` and the per-kind commands find, check and report files without a switch per kind.
 */
export interface ManifestKindChecker {
  readonly kind: ManifestKind;
  /** Metadata of every rule of the kind (docs, SARIF rule tables, `--only` resolution). */
  readonly rules: readonly ManifestRuleMeta[];
  /**
   * Cheap test on a file's path and text, before any parse: compose file names, `apiVersion:` + `kind:`
   * in YAML, `containerDefinitions` in JSON, `railway.json`/`railway.toml`.
   */
  claims(path: string, text: string): boolean;
  /** Checks one file. Bad input becomes located FileErrors; it never throws for a user's file. */
  check(path: string, text: string, selection?: RuleSelection): ManifestCheckResult;
}
