import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyEdits, fixUntilStable } from '../core/text-edit.js';
import { DEFAULT_CONFIG, type DrydockConfig } from './config.js';
import { lintText, prepareLinter } from './linter.js';
import type { Rule } from './rule.js';

/** ESLint-style tables: valid code, invalid code with the expected errors and the fixed output. */
export interface ValidCase {
  readonly code: string;
  readonly name?: string;
  readonly config?: Partial<DrydockConfig>;
}

export interface ExpectedError {
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** Substring or pattern the message must match. */
  readonly message?: string | RegExp;
}

export interface InvalidCase {
  readonly code: string;
  readonly name?: string;
  /** Exact number of findings, or each expected finding in order. */
  readonly errors: number | readonly ExpectedError[];
  /** The text after applying this rule's fixes until stable; omit when the rule has no fix here. */
  readonly output?: string;
  readonly config?: Partial<DrydockConfig>;
}

export interface RuleTests {
  readonly valid: readonly (string | ValidCase)[];
  readonly invalid: readonly InvalidCase[];
}

export function runRule(rule: Rule, code: string, config?: Partial<DrydockConfig>) {
  const merged: DrydockConfig = { ...DEFAULT_CONFIG, ...config };
  return lintText(code, 'Dockerfile', { rules: [rule], config: merged, only: [rule.meta.id] });
}

export function ruleTester(rule: Rule, tests: RuleTests): void {
  describe(`${rule.meta.id} ${rule.meta.title}`, () => {
    before(prepareLinter);
    tests.valid.forEach((entry, n) => {
      const c: ValidCase = typeof entry === 'string' ? { code: entry } : entry;
      it(`valid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const result = runRule(rule, c.code, c.config);
        assert.equal(result.error, undefined, result.error?.message);
        assert.deepEqual(
          result.findings.map((f) => `${f.location.line}:${f.location.column} ${f.message}`),
          [],
          `expected no findings for:\n${c.code}`,
        );
      });
    });
    tests.invalid.forEach((c, n) => {
      it(`invalid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const result = runRule(rule, c.code, c.config);
        assert.equal(result.error, undefined, result.error?.message);
        const got = result.findings;
        if (typeof c.errors === 'number') {
          assert.equal(got.length, c.errors, `expected ${c.errors} finding(s), got:\n${describeAll(got)}`);
        } else {
          assert.equal(
            got.length,
            c.errors.length,
            `expected ${c.errors.length} finding(s), got:\n${describeAll(got)}`,
          );
          for (const [k, want] of c.errors.entries()) {
            const f = got[k];
            if (!f) assert.fail(`finding ${k + 1} missing`);
            if (want.line !== undefined) assert.equal(f.location.line, want.line, `line of finding ${k + 1}`);
            if (want.column !== undefined) assert.equal(f.location.column, want.column, `column of finding ${k + 1}`);
            if (want.endLine !== undefined)
              assert.equal(f.location.endLine, want.endLine, `endLine of finding ${k + 1}`);
            if (want.endColumn !== undefined)
              assert.equal(f.location.endColumn, want.endColumn, `endColumn of finding ${k + 1}`);
            if (typeof want.message === 'string') assert.ok(f.message.includes(want.message), f.message);
            else if (want.message) assert.match(f.message, want.message);
          }
        }
        if (c.output !== undefined) {
          assert.ok(rule.meta.fixable, `${rule.meta.id} has an output case but meta.fixable is not set`);
          const fixed = fixUntilStable(c.code, (text) =>
            runRule(rule, text, c.config).findings.flatMap((f) => (f.fix ? [f.fix.edits] : [])),
          );
          assert.equal(fixed.text, c.output);
          assert.ok(fixed.stable, 'fixes did not reach a fixed point');
        } else {
          const edits = got.flatMap((f) => (f.fix ? [f.fix.edits] : []));
          if (edits.length > 0) {
            assert.fail(`fix produced output but the case has none:\n${applyEdits(c.code, edits).text}`);
          }
        }
      });
    });
  });
}

function describeAll(findings: readonly { location: { line: number; column: number }; message: string }[]): string {
  return findings.map((f) => `  ${f.location.line}:${f.location.column} ${f.message}`).join('\n') || '  (none)';
}
