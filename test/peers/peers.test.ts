import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { prepareLinter } from '../../src/dockerfile/linter.js';
import {
  aliasedCodes,
  type CaseOutcome,
  expectedDisagreements,
  hadolintCases,
  hasPeerData,
  type PeerCase,
  runCase,
  trivyCases,
} from './peer-cases.js';

/**
 * For every peer rule listed as an alias, its upstream cases must agree with drydock, except the
 * disagreements recorded (with a reason) in expected/<CODE>.json. A new disagreement, or a recorded
 * one that no longer happens, fails the test: changes in agreement are always deliberate.
 */
const skip = hasPeerData ? false : 'peer test data not found at ../shared/data/peer-tests';

describe('peer test suites', { skip }, () => {
  before(prepareLinter);
  for (const [peer, load] of [
    ['hadolint', hadolintCases],
    ['trivy', trivyCases],
  ] as const) {
    it(`${peer}: every aliased rule agrees with the peer's own cases, except recorded disagreements`, () => {
      const aliased = aliasedCodes();
      const cases = load().filter((c: PeerCase) => aliased.has(c.code));
      const byCode = new Map<string, CaseOutcome[]>();
      for (const c of cases) {
        const outcome = runCase(c);
        byCode.set(c.code, [...(byCode.get(c.code) ?? []), outcome]);
      }
      const problems: string[] = [];
      const table: string[] = [];
      for (const [code, outcomes] of [...byCode.entries()].sort()) {
        const expected = expectedDisagreements(code);
        const agreeing = outcomes.filter((o) => o.agrees).length;
        table.push(`${code}: ${agreeing}/${outcomes.length}`);
        for (const o of outcomes) {
          const recorded = expected[o.case.key];
          if (!o.agrees && recorded === undefined) {
            problems.push(
              `new disagreement ${code} ${o.case.key}: peer says ${o.case.expect}, drydock found ${o.detail}\n${o.case.dockerfile}`,
            );
          }
          if (o.agrees && recorded !== undefined)
            problems.push(`recorded disagreement no longer happens: ${code} ${o.case.key}`);
        }
      }
      const total = [...byCode.values()].flat();
      const agree = total.filter((o) => o.agrees).length;
      console.log(`${peer}: ${agree}/${total.length} cases agree (${table.join(', ')})`);
      assert.deepEqual(problems, []);
    });
  }
});
