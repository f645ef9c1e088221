import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ecsChecker } from './index.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/migrate-platform/ecs/task-definition.json');

/** The README quick start's task definition lacks the guide's ECS block and keeps a password in environment. */
describe('examples/migrate-platform/ecs/task-definition.json', () => {
  it('reports the password in environment, the missing guide block and the :latest image', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    assert.ok(ecsChecker.claims(EXAMPLE, text));
    const { findings, errors } = ecsChecker.check('task-definition.json', text);
    assert.deepEqual(errors, []);
    assert.deepEqual(findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.severity}`).sort(), [
      '10:16 DE5001 medium',
      '14:9 DE4001 high',
      '9:7 DE1002 medium',
      '9:7 DE2001 medium',
      '9:7 DE2002 medium',
      '9:7 DE2004 low',
    ]);
    // `"privileged": false` is the safe value: not a finding.
    assert.ok(!findings.some((f) => f.ruleId === 'DE1001'));
    assert.match(findings.find((f) => f.ruleId === 'DE4001')?.message ?? '', /DATABASE_PASSWORD in plain environment/);
  });
});
