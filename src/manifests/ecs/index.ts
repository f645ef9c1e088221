import type { ManifestKindChecker } from '../kind-checker.js';
import { ManifestFile } from '../manifest-file.js';
import type { ManifestRule } from '../rule.js';
import type { ManifestCheckResult } from '../rule-tester.js';
import { type RuleSelection, runManifestRules, selectManifestRules } from '../run-rules.js';
import { ECS_RULES } from './rules/index.js';

export { ECS_RULES };

import { type EcsContainer, type EcsFixOptions, ecsContainers } from './subjects.js';

/**
 * Task definitions (`containerDefinitions`), describe-task-definition output, CloudFormation templates
 * with an `AWS::ECS::TaskDefinition`, and JSON arrays of container definitions.
 */
function looksLikeEcs(path: string, text: string): boolean {
  if (/["']?containerDefinitions["']?\s*:/.test(text) || text.includes('AWS::ECS::TaskDefinition')) return true;
  return (
    /\.json$/i.test(path) &&
    /^\s*\[/.test(text) &&
    /"image"\s*:/.test(text) &&
    /"(essential|portMappings|memoryReservation|logConfiguration)"\s*:/.test(text)
  );
}

/** Checks one file's text with the given rules (the RuleTester's entry point). */
export function checkEcsText(
  text: string,
  path: string,
  rules: readonly ManifestRule<EcsContainer>[],
  options: EcsFixOptions = {},
): ManifestCheckResult {
  const file = new ManifestFile(path, text);
  if (file.errors.length > 0) return { findings: [], errors: file.errors };
  return { findings: runManifestRules(file, ecsContainers(file, options), rules), errors: [] };
}

export const ecsChecker: ManifestKindChecker = {
  kind: 'ecs',
  rules: ECS_RULES.map((r) => r.meta),
  claims(path, text) {
    if (!/\.(json|ya?ml|template)$/i.test(path) && path !== '-') return false;
    return looksLikeEcs(path, text);
  },
  check(path, text, selection?: RuleSelection) {
    return checkEcsText(text, path, selectManifestRules(ECS_RULES, selection));
  },
};
