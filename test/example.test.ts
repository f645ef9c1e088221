import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintPaths } from '../src/dockerfile/lint-paths.js';
import { gate } from '../src/policy/gate.js';

/**
 * The bundled example (the quick start's target) must show every measure of the security guide
 * that its Dockerfile breaks: the README's promise, checked.
 */
describe('examples/migrate-platform', () => {
  it('finds each gap the guide names, and fails the default gate', async () => {
    const report = await lintPaths([join(import.meta.dirname, '../examples/migrate-platform')]);
    assert.deepEqual(report.errors, []);
    assert.equal(report.files.length, 1);
    const ids = new Set(report.findings.map((f) => f.ruleId));
    const guide: Record<string, string> = {
      DD1003: 'base image pinned by digest',
      DD1004: 'slim base variant',
      DD3004: 'apt-get upgrade -y after update',
      DD3003: 'apt lists removed',
      DD3002: '--no-install-recommends',
      DD2002: 'non-root USER',
      DD6001: 'no secrets in ENV/ARG',
      DD5001: 'no curl | sh',
      DD2005: 'no world-writable files',
      DD2006: 'no SSH port',
    };
    const missing = Object.entries(guide).filter(([id]) => !ids.has(id));
    assert.deepEqual(missing, []);
    assert.equal(gate(report).exitCode, 1);
    assert.equal(gate(report, 'critical').exitCode, 0);
  });
});
