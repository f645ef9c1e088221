import { basename } from 'node:path';
import type { ManifestKindChecker } from '../kind-checker.js';
import { ManifestFile } from '../manifest-file.js';
import type { ManifestRule } from '../rule.js';
import type { ManifestCheckResult } from '../rule-tester.js';
import { type RuleSelection, runManifestRules, selectManifestRules } from '../run-rules.js';
import { RAILWAY_RULES } from './rules/index.js';

export { RAILWAY_RULES };

import { parseRailwayConfig, type RailwayConfig } from './subjects.js';

/** Railway reads `railway.json` or `railway.toml` (also `railway.<env>.json`-style copies). */
const RAILWAY_NAME = /^railway([.-][\w-]+)?\.(json|toml)$/i;

/** Checks one Railway config's text with the given rules (the RuleTester's entry point). */
export function checkRailwayText(
  text: string,
  path: string,
  rules: readonly ManifestRule<RailwayConfig>[],
): ManifestCheckResult {
  // TOML is parsed by smol-toml; the ManifestFile still gives line/column mapping and suppressions.
  const file = new ManifestFile(path, text);
  const parsed = parseRailwayConfig(file);
  if (!parsed.ok) return { findings: [], errors: parsed.errors };
  return { findings: runManifestRules(file, [parsed.config], rules), errors: [] };
}

export const railwayChecker: ManifestKindChecker = {
  kind: 'railway',
  rules: RAILWAY_RULES.map((r) => r.meta),
  claims(path) {
    return RAILWAY_NAME.test(basename(path));
  },
  check(path, text, selection?: RuleSelection) {
    return checkRailwayText(text, path, selectManifestRules(RAILWAY_RULES, selection));
  },
};
