// Prints agreement with peers' own test cases per aliased id: `tsx scripts/peer-agreement.ts [CODE...]`.
// Shows every disagreeing case with its text, so a rule author can decide: fix the rule, or record
// the disagreement with a reason in test/peers/expected/<CODE>.json.
import { prepareLinter } from '../src/dockerfile/linter.js';
import { aliasedCodes, expectedDisagreements, hadolintCases, runCase, trivyCases } from '../test/peers/peer-cases.js';

await prepareLinter();
const wanted = new Set(process.argv.slice(2).map((c) => c.toUpperCase()));
const aliased = aliasedCodes();
const cases = [...hadolintCases(), ...trivyCases()].filter(
  (c) => aliased.has(c.code) && (wanted.size === 0 || wanted.has(c.code)),
);
const summary = new Map<string, { agree: number; total: number }>();
for (const c of cases) {
  const o = runCase(c);
  const s = summary.get(`${c.peer} ${c.code}`) ?? { agree: 0, total: 0 };
  s.total++;
  if (o.agrees) s.agree++;
  summary.set(`${c.peer} ${c.code}`, s);
  if (!o.agrees && wanted.size > 0) {
    const recorded = expectedDisagreements(c.code)[c.key];
    console.log(
      `--- ${c.code} ${c.key} peer=${c.expect}${c.count !== undefined ? ` count=${c.count}` : ''} drydock=${o.detail}${recorded ? ` [recorded: ${recorded}]` : ''}`,
    );
    console.log(c.dockerfile);
  }
}
for (const [k, s] of [...summary.entries()].sort()) console.log(`${k}: ${s.agree}/${s.total}`);
