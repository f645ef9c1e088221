// Every rule has: its file named by id, a test beside it, a registry entry (sorted), a current docs
// page, and metadata that is complete. Run in CI.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulePage } from '../src/dockerfile/rule-docs.js';
import { RULES } from '../src/dockerfile/rules/index.js';
import { MANIFEST_CHECKERS } from '../src/manifests/index.js';
import { MANIFEST_KIND_DIR, renderManifestRulePage } from '../src/manifests/rule-docs.js';
import { renderAllRulesIndex } from './rules-index.js';

const root = join(import.meta.dirname, '..');
const rulesDir = join(root, 'src/dockerfile/rules');
const problems: string[] = [];
const files = readdirSync(rulesDir).filter((f) => /^DD\d{4}\.ts$/.test(f));
const ids = RULES.map((r) => r.meta.id);
for (const f of files) {
  const id = f.replace(/\.ts$/, '');
  if (!ids.includes(id)) problems.push(`${f}: not registered in rules/index.ts`);
  if (!existsSync(join(rulesDir, `${id}.test.ts`))) problems.push(`${f}: no ${id}.test.ts`);
}
const sorted = [...ids].sort();
if (ids.join() !== sorted.join()) problems.push('rules/index.ts: RULES is not sorted by id');
if (new Set(ids).size !== ids.length) problems.push('rules/index.ts: duplicate ids');
for (const rule of RULES) {
  const m = rule.meta;
  if (!files.includes(`${m.id}.ts`)) problems.push(`${m.id}: registered but no file ${m.id}.ts`);
  for (const key of ['title', 'why', 'fix'] as const) if (!m[key].trim()) problems.push(`${m.id}: empty meta.${key}`);
  if (!m.example.bad.trim() || !m.example.good.trim()) problems.push(`${m.id}: example needs bad and good`);
  const page = join(root, 'docs/rules', `${m.id}.md`);
  if (!existsSync(page) || readFileSync(page, 'utf8') !== renderRulePage(rule)) {
    problems.push(`docs/rules/${m.id}.md is missing or stale: run npm run docs`);
  }
}
// Manifest rules: the same contract per kind folder (src/manifests/<kind>/rules/<ID>.ts + test + docs).
let manifestCount = 0;
for (const checker of MANIFEST_CHECKERS) {
  const kindDir = join(root, 'src/manifests', MANIFEST_KIND_DIR[checker.kind], 'rules');
  const kindFiles = existsSync(kindDir) ? readdirSync(kindDir).filter((f) => /^D[KECR]\d{4}\.ts$/.test(f)) : [];
  const kindIds = checker.rules.map((m) => m.id);
  for (const f of kindFiles) {
    const id = f.replace(/\.ts$/, '');
    if (!kindIds.includes(id)) problems.push(`${checker.kind}/${f}: not registered in its rules/index.ts`);
    if (!existsSync(join(kindDir, `${id}.test.ts`))) problems.push(`${checker.kind}/${f}: no ${id}.test.ts`);
  }
  if (kindIds.join() !== [...kindIds].sort().join()) problems.push(`${checker.kind}: rules are not sorted by id`);
  for (const m of checker.rules) {
    manifestCount++;
    if (!kindFiles.includes(`${m.id}.ts`)) problems.push(`${m.id}: registered but no file ${m.id}.ts`);
    if (m.kind !== checker.kind) problems.push(`${m.id}: meta.kind ${m.kind} in the ${checker.kind} registry`);
    for (const key of ['title', 'why', 'fix'] as const) if (!m[key].trim()) problems.push(`${m.id}: empty meta.${key}`);
    if (!m.example.bad.trim() || !m.example.good.trim()) problems.push(`${m.id}: example needs bad and good`);
    const page = join(root, 'docs/rules', `${m.id}.md`);
    if (!existsSync(page) || readFileSync(page, 'utf8') !== renderManifestRulePage(m)) {
      problems.push(`docs/rules/${m.id}.md is missing or stale: run npm run docs`);
    }
  }
}
const allIds = [...ids, ...MANIFEST_CHECKERS.flatMap((c) => c.rules.map((m) => m.id))];
if (new Set(allIds).size !== allIds.length) problems.push('duplicate rule ids across Dockerfile and manifest rules');
const index = join(root, 'docs/rules/README.md');
if (!existsSync(index) || readFileSync(index, 'utf8') !== renderAllRulesIndex()) {
  problems.push('docs/rules/README.md is missing or stale: run npm run docs');
}
if (problems.length > 0) {
  for (const p of problems) console.error(`check-rule-files: ${p}`);
  process.exit(1);
}
console.log(
  `check-rule-files: ${RULES.length} Dockerfile + ${manifestCount} manifest rules, each with file, test, registry entry and docs`,
);
