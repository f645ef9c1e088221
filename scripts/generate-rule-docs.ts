// Writes docs/rules/<ID>.md and docs/rules/README.md from rule metadata (Dockerfile and manifest rules).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulePage } from '../src/dockerfile/rule-docs.js';
import { RULES } from '../src/dockerfile/rules/index.js';
import { MANIFEST_CHECKERS } from '../src/manifests/index.js';
import { renderManifestRulePage } from '../src/manifests/rule-docs.js';
import { renderAllRulesIndex } from './rules-index.js';

const dir = join(import.meta.dirname, '../docs/rules');
mkdirSync(dir, { recursive: true });
for (const rule of RULES) writeFileSync(join(dir, `${rule.meta.id}.md`), renderRulePage(rule));
const manifestRules = MANIFEST_CHECKERS.flatMap((c) => c.rules);
for (const meta of manifestRules) writeFileSync(join(dir, `${meta.id}.md`), renderManifestRulePage(meta));
writeFileSync(join(dir, 'README.md'), renderAllRulesIndex());
console.log(`wrote ${RULES.length + manifestRules.length} rule pages to docs/rules/`);
