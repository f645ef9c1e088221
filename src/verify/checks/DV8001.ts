import { existsSync } from 'node:fs';
import { SEVERITIES } from '../../core/severity.js';
import type { Budget } from '../../policy/budget.js';
import { defaultDbPath } from '../../vulndb/db.js';
import { fileFinding, type VerifyCheck, type VerifyFinding } from '../check.js';

/** The guide's Expected Results: "Critical vulnerabilities: 0, High: <10". */
export const GUIDE_BUDGET: Budget = { critical: 0, high: 9 };

/**
 * The guide's `docker run aquasec/trivy image …`, as `drydock scan` with the same budget flags: the
 * packages this pass catalogued go through the scan pipeline unchanged (database, ignore file,
 * budget), so verify and scan always agree. Skipped when there is no database.
 */
export const DV8001: VerifyCheck = {
  meta: {
    id: 'DV8001',
    title: 'Known vulnerabilities within budget',
    severity: 'critical',
    section: 'vulnerabilities',
    guide: 'trivy image',
    why: 'The guide allows no critical and fewer than ten high vulnerabilities in a shipped image; every one above that is a published way in.',
    fix: 'Upgrade the packages the scan names (`drydock scan IMAGE` lists the upgrade that fixes most), rebuild on a patched base, or record an accepted risk in .drydockignore.yaml with a reason.',
    aliases: ['CIS-DI-0004'],
  },
  async check(context) {
    const dbPath = context.options.dbPath ?? defaultDbPath();
    if (!existsSync(dbPath)) {
      return { status: 'skip', evidence: `no vulnerability database at ${dbPath} (run \`drydock db update\`)` };
    }
    const budget = context.options.max ?? GUIDE_BUDGET;
    const { scanSbom } = await import('../../match/scan-target.js');
    // The same inventory this pass took: no second read of the image.
    const report = await scanSbom(context.sbom, { dbPath, policy: { max: budget } });
    const v = report.verdict;
    const by = v.counts.bySeverity;
    const counted = `${by.critical} critical, ${by.high} high, ${by.medium} medium, ${by.low} low`;
    const suppressed = Object.values(v.suppressed).reduce((a, b) => a + b, 0);
    const evidence = `${counted} (budget ${budgetText(budget)})${suppressed > 0 ? `; ${suppressed} suppressed` : ''}`;
    const data = { counts: v.counts, budget, passed: v.passed, reasons: v.reasons };
    if (v.passed) return { status: 'pass', evidence, data };
    const worst: VerifyFinding[] = v.findings
      .filter((g) => !g.suppressed && (g.finding.severity === 'critical' || g.finding.severity === 'high'))
      .map(({ finding: f }) => {
        const fix = f.status === 'fixed' && f.fixedVersion ? `fixed in ${f.fixedVersion}` : f.status;
        const message = `${f.id} (${f.severity}) in ${f.package.name} ${f.package.version}: ${fix}`;
        return f.package.path
          ? fileFinding(message, { path: f.package.path, ...(f.layer ? { layer: f.layer } : {}) })
          : { message };
      });
    return { status: 'fail', evidence: `${evidence}: ${v.reasons.join('; ')}`, findings: worst, data };
  },
};

/** `critical=0, high=9`: most severe first, as the guide writes it. */
function budgetText(budget: Budget): string {
  return [...[...SEVERITIES].reverse(), 'unknown' as const]
    .filter((s) => budget[s] !== undefined)
    .map((s) => `${s}=${budget[s]}`)
    .join(', ');
}
