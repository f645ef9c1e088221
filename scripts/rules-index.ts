// The docs/rules/README.md text: the Dockerfile table, then one table per deployment kind.
import { renderRulesIndex } from '../src/dockerfile/rule-docs.js';
import { RULES } from '../src/dockerfile/rules/index.js';
import { MANIFEST_CHECKERS } from '../src/manifests/index.js';
import { renderManifestRulesIndex } from '../src/manifests/rule-docs.js';

export function renderAllRulesIndex(): string {
  const manifest = renderManifestRulesIndex(MANIFEST_CHECKERS.flatMap((c) => c.rules));
  return manifest ? `${renderRulesIndex(RULES)}\n${manifest}` : renderRulesIndex(RULES);
}
