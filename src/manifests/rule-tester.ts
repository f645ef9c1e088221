import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileError, Finding } from '../core/finding.js';
import { applyEdits, fixUntilStable } from '../core/text-edit.js';
import type { ManifestRule } from './rule.js';

/** What a kind's checker returns for one file's text. */
export interface ManifestCheckResult {
  readonly findings: readonly Finding[];
  readonly errors: readonly FileError[];
}

/** A kind's entry point, narrowed to the rules under test: `checkKubernetesText`, `checkComposeText`… */
export type ManifestChecker<S> = (text: string, path: string, rules: readonly ManifestRule<S>[]) => ManifestCheckResult;

export interface ExpectedManifestError {
  readonly line?: number;
  readonly column?: number;
  /** Substring or pattern the message must match. */
  readonly message?: string | RegExp;
}

export interface ManifestInvalidCase {
  readonly code: string;
  readonly name?: string;
  /** File name the checker sees (default: the tester's). */
  readonly path?: string;
  readonly errors: number | readonly ExpectedManifestError[];
  /** The text after applying this rule's fixes until stable; omit when the rule attaches no fix here. */
  readonly output?: string;
}

export interface ManifestValidCase {
  readonly code: string;
  readonly name?: string;
  readonly path?: string;
}

export interface ManifestRuleTests {
  readonly valid: readonly (string | ManifestValidCase)[];
  readonly invalid: readonly ManifestInvalidCase[];
}

/** ESLint-style tables for manifest rules, the same shape as the Dockerfile RuleTester. */
export function manifestRuleTester<S>(
  rule: ManifestRule<S>,
  checker: ManifestChecker<S>,
  defaultPath: string,
  tests: ManifestRuleTests,
): void {
  const run = (code: string, path: string) => {
    const result = checker(code, path, [rule]);
    assert.deepEqual(result.errors, [], `the case does not parse: ${result.errors.map((e) => e.message).join('; ')}`);
    return result.findings.filter((f) => f.ruleId === rule.meta.id);
  };
  describe(`${rule.meta.id} ${rule.meta.title}`, () => {
    tests.valid.forEach((entry, n) => {
      const c: ManifestValidCase = typeof entry === 'string' ? { code: entry } : entry;
      it(`valid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const got = run(c.code, c.path ?? defaultPath);
        assert.deepEqual(describeAll(got), [], `expected no findings for:\n${c.code}`);
      });
    });
    tests.invalid.forEach((c, n) => {
      it(`invalid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const path = c.path ?? defaultPath;
        const got = run(c.code, path);
        const want = typeof c.errors === 'number' ? c.errors : c.errors.length;
        assert.equal(got.length, want, `expected ${want} finding(s), got:\n${describeAll(got).join('\n')}`);
        if (typeof c.errors !== 'number') {
          for (const [k, e] of c.errors.entries()) {
            const f = got[k];
            if (!f) assert.fail(`finding ${k + 1} missing`);
            if (e.line !== undefined) assert.equal(f.location.line, e.line, `line of finding ${k + 1}`);
            if (e.column !== undefined) assert.equal(f.location.column, e.column, `column of finding ${k + 1}`);
            if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), f.message);
            else if (e.message) assert.match(f.message, e.message);
          }
        }
        if (c.output !== undefined) {
          assert.ok(rule.meta.fixable, `${rule.meta.id} has an output case but meta.fixable is not set`);
          const fixed = fixUntilStable(c.code, (text) => run(text, path).flatMap((f) => (f.fix ? [f.fix.edits] : [])));
          assert.equal(fixed.text, c.output);
          assert.ok(fixed.stable, 'fixes did not reach a fixed point');
          assert.deepEqual(describeAll(run(fixed.text, path)), [], 'the fixed text still has findings of this rule');
        } else {
          const edits = got.flatMap((f) => (f.fix ? [f.fix.edits] : []));
          if (edits.length > 0)
            assert.fail(`fix produced output but the case has none:\n${applyEdits(c.code, edits).text}`);
        }
      });
    });
  });
}

function describeAll(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.location.line}:${f.location.column} ${f.message}`);
}
