import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { corpusFiles, corpusName, hasCorpus } from '../../../test/corpus/corpus.js';
import { DEFAULT_CONFIG } from '../config.js';
import { lintText, prepareLinter } from '../linter.js';
import { Dockerfile } from '../parse/dockerfile.js';
import { fixDockerfile } from './fix-dockerfile.js';
import { imageQueries } from './resolve-images.js';

/**
 * `drydock fix` over the 576 real Dockerfiles: it never crashes or refuses a file, every output
 * parses, fixing the output again changes nothing, and re-lint finds fewer findings (per file, per
 * rule and in total). Digests are given as --digest would give them (sha256 of the reference):
 * the registries are out of reach here, and the edit is the same whatever the digest.
 */
describe('fix over the corpus of 576 real Dockerfiles', {
  skip: hasCorpus ? false : 'corpus not found at ../shared/data/dockerfiles',
}, () => {
  before(prepareLinter);

  it('never crashes, output parses, idempotent, fewer findings', () => {
    const files = corpusFiles();
    assert.equal(files.length, 576);
    const before = new Map<string, number>();
    const after = new Map<string, number>();
    const problems: string[] = [];
    let changed = 0;
    for (const path of files) {
      const name = corpusName(path);
      const text = readFileSync(path, 'utf8');
      const digests = imageQueries(new Dockerfile(name, text)).map(
        (q) => [q.key, { digest: `sha256:${createHash('sha256').update(q.key).digest('hex')}` }] as const,
      );
      const config = { ...DEFAULT_CONFIG, imageFacts: new Map(digests) };
      const result = fixDockerfile(text, name, { config });
      if (result.error) {
        problems.push(`${name}: ${result.error.message}`);
        continue;
      }
      if (!result.stable) problems.push(`${name}: not stable`);
      if (result.changed) changed++;
      // Independent re-lint of input and output (not the fixer's own finding lists).
      const lintBefore = lintText(text, name, { config });
      const lintAfter = lintText(result.output, name, { config });
      if (lintAfter.error) problems.push(`${name}: output does not lint: ${lintAfter.error.message}`);
      const broken = lintAfter.findings.filter((f) => f.ruleId === 'DD0001' || f.ruleId === 'DD0002').length;
      const brokenBefore = lintBefore.findings.filter((f) => f.ruleId === 'DD0001' || f.ruleId === 'DD0002').length;
      if (broken > brokenBefore) problems.push(`${name}: output has syntax errors`);
      if (fixDockerfile(result.output, name, { config }).output !== result.output)
        problems.push(`${name}: not idempotent`);
      if (result.changed && lintAfter.findings.length >= lintBefore.findings.length) {
        problems.push(`${name}: ${lintBefore.findings.length} findings before, ${lintAfter.findings.length} after`);
      }
      for (const f of lintBefore.findings) before.set(f.ruleId, (before.get(f.ruleId) ?? 0) + 1);
      for (const f of lintAfter.findings) after.set(f.ruleId, (after.get(f.ruleId) ?? 0) + 1);
    }
    assert.deepEqual(problems, []);
    assert.ok(changed > 500, `only ${changed} files changed`);
    const grew = [...after].filter(([id, n]) => n > (before.get(id) ?? 0));
    assert.deepEqual(grew, [], 'no rule has more findings after fix');
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    assert.ok(total(after) < total(before), `${total(before)} → ${total(after)}`);
    // The fixes the issue lists leave nothing behind on this corpus.
    for (const id of ['DD1003', 'DD3001', 'DD3002', 'DD3003', 'DD3005', 'DD3009', 'DD4013']) {
      assert.equal(after.get(id) ?? 0, 0, `${id} left: ${after.get(id)}`);
    }
  });
});
