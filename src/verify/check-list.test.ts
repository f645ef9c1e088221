import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { CHECK_SECTIONS } from './check.js';
import { renderCheckList } from './check-list.js';
import { CHECKS } from './checks/index.js';

const root = join(import.meta.dirname, '../..');

it('the registry is sorted, and every check has its file, its test and complete metadata', () => {
  const ids = CHECKS.map((c) => c.meta.id);
  assert.deepEqual(ids, [...ids].sort());
  assert.equal(new Set(ids).size, ids.length);
  const files = readdirSync(join(import.meta.dirname, 'checks')).filter((f) => /^DV\d{4}\.ts$/.test(f));
  assert.deepEqual(files.map((f) => f.slice(0, 6)).sort(), ids);
  for (const c of CHECKS) {
    const m = c.meta;
    assert.ok(existsSync(join(import.meta.dirname, 'checks', `${m.id}.test.ts`)), `${m.id} has a test`);
    assert.ok(m.title && m.why.endsWith('.') && m.fix.endsWith('.'), `${m.id} metadata`);
    assert.ok(CHECK_SECTIONS.includes(m.section));
  }
});

it('docs/commands/verify.md lists the current catalogue', () => {
  const doc = readFileSync(join(root, 'docs/commands/verify.md'), 'utf8');
  const table = /<!-- checks:start -->\n([\s\S]*?)<!-- checks:end -->/.exec(doc)?.[1];
  assert.equal(
    table,
    renderCheckList(CHECKS, 'markdown'),
    'regenerate the table with renderCheckList(CHECKS, "markdown")',
  );
});
