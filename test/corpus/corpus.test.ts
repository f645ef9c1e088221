import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { lintText, prepareLinter } from '../../src/dockerfile/linter.js';
import { RULES } from '../../src/dockerfile/rules/index.js';
import { corpusFiles, corpusName, hasCorpus } from './corpus.js';

/**
 * Lints the real corpus: nothing may crash or fail to lint, and the per-rule finding counts must
 * equal the committed snapshot, so every change in what drydock reports is deliberate.
 * Regenerate with UPDATE_SNAPSHOT=1 npm test -- test/corpus/corpus.test.ts and review the diff.
 */
const SNAPSHOT = join(import.meta.dirname, 'snapshot.json');

describe('corpus of 576 real Dockerfiles', {
  skip: hasCorpus ? false : 'corpus not found at ../shared/data/dockerfiles',
}, () => {
  before(prepareLinter);

  it('lints every file without an error, and per-rule counts match the snapshot', () => {
    const files = corpusFiles();
    assert.equal(files.length, 576);
    const counts: Record<string, number> = Object.fromEntries(RULES.map((r) => [r.meta.id, 0]));
    const filesWith: Record<string, number> = Object.fromEntries(RULES.map((r) => [r.meta.id, 0]));
    const errors: string[] = [];
    for (const file of files) {
      const result = lintText(readFileSync(file, 'utf8'), corpusName(file));
      if (result.error) errors.push(`${result.error.path}: ${result.error.message}`);
      const seen = new Set<string>();
      for (const f of result.findings) {
        counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
        seen.add(f.ruleId);
      }
      for (const id of seen) filesWith[id] = (filesWith[id] ?? 0) + 1;
    }
    assert.deepEqual(errors, []);
    const actual = { files: files.length, findings: counts, filesWithFinding: filesWith };
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(SNAPSHOT), 'no snapshot: run with UPDATE_SNAPSHOT=1 and commit test/corpus/snapshot.json');
    assert.deepEqual(actual, JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });
});
