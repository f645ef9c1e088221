import { basename } from 'node:path';
import type { ManifestKindChecker } from '../kind-checker.js';
import { ManifestFile } from '../manifest-file.js';
import type { ManifestRule } from '../rule.js';
import type { ManifestCheckResult } from '../rule-tester.js';
import { type RuleSelection, runManifestRules, selectManifestRules } from '../run-rules.js';
import { COMPOSE_RULES } from './rules/index.js';

export { COMPOSE_RULES };

import { type ComposeFixOptions, type ComposeService, composeServices } from './subjects.js';

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `compose.override.yaml`… */
const COMPOSE_NAME = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;

/** A YAML file with a top-level `services:` whose entries have `image:`/`build:`, and no Kubernetes header. */
function looksLikeCompose(text: string): boolean {
  return (
    /^services:[ \t]*(#.*)?$/m.test(text) && /^[ \t]+(image|build):/m.test(text) && !/^(apiVersion|kind):/m.test(text)
  );
}

export function isComposePath(path: string): boolean {
  return COMPOSE_NAME.test(basename(path));
}

/** Checks one compose file's text with the given rules (the RuleTester's entry point). */
export function checkComposeText(
  text: string,
  path: string,
  rules: readonly ManifestRule<ComposeService>[],
  options: ComposeFixOptions = {},
): ManifestCheckResult {
  const file = new ManifestFile(path, text);
  if (file.errors.length > 0) return { findings: [], errors: file.errors };
  return { findings: runManifestRules(file, composeServices(file, options), rules), errors: [] };
}

export const composeChecker: ManifestKindChecker = {
  kind: 'compose',
  rules: COMPOSE_RULES.map((r) => r.meta),
  claims(path, text) {
    if (!/\.ya?ml$/i.test(path) && path !== '-') return false;
    return isComposePath(path) || looksLikeCompose(text);
  },
  check(path, text, selection?: RuleSelection) {
    return checkComposeText(text, path, selectManifestRules(COMPOSE_RULES, selection));
  },
};
