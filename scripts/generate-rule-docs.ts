// Writes docs/rules/<ID>.md and docs/rules/README.md from rule metadata.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulePage, renderRulesIndex } from '../src/dockerfile/rule-docs.js';
import { RULES } from '../src/dockerfile/rules/index.js';

const dir = join(import.meta.dirname, '../docs/rules');
mkdirSync(dir, { recursive: true });
for (const rule of RULES) writeFileSync(join(dir, `${rule.meta.id}.md`), renderRulePage(rule));
writeFileSync(join(dir, 'README.md'), renderRulesIndex(RULES));
console.log(`wrote ${RULES.length} rule pages to docs/rules/`);
