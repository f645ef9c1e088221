import { DrydockError } from '../core/errors.js';
import { isSeverity, SEVERITIES, type Severity, severityRank } from '../core/severity.js';
import type { FindingSeverity, FindingStatus, VulnerabilityFinding } from '../match/finding.js';
import { EXIT_ERROR, EXIT_OK, EXIT_POLICY } from './gate.js';

/** Highest allowed count per severity: `--max critical=0,high=9` is the guide's "Critical: 0, High: <10". */
export type Budget = Readonly<Partial<Record<FindingSeverity, number>>>;

export const FINDING_SEVERITIES: readonly FindingSeverity[] = [...SEVERITIES, 'unknown'];
export const FINDING_STATUSES: readonly FindingStatus[] = ['fixed', 'unfixed', 'wont-fix'];

/** Why a finding does not count: a VEX statement, an ignore entry, or `--ignore-unfixed`. */
export interface Suppression {
  readonly by: 'vex' | 'ignore' | 'ignore-unfixed';
  readonly reason: string;
  /** The statement or entry that decided it (`file:line:col`, `file#statements[2]`). */
  readonly where?: string;
}

/** Decides one finding: a suppression, or undefined to let it count. */
export type Suppressor = (finding: VulnerabilityFinding) => Suppression | undefined;

/** A note the gate prints even when it passes (an expired ignore entry that now counts again). */
export type Notice = (finding: VulnerabilityFinding) => string | undefined;

export interface ScanPolicy {
  /** Fail when any counted finding is at least this severe. `unknown` findings are gated only by `--max unknown=N`. */
  readonly failOn?: Severity;
  readonly max?: Budget;
  /** Findings without a fix (unfixed, wont-fix) are shown but do not count. */
  readonly ignoreUnfixed?: boolean;
  /** Findings without a fix are neither shown nor counted: only what an upgrade can resolve. */
  readonly onlyFixed?: boolean;
  /** Applied in order; the first that suppresses decides (VEX before ignore entries). */
  readonly suppressors?: readonly Suppressor[];
  readonly notices?: readonly Notice[];
}

export interface GatedFinding {
  readonly finding: VulnerabilityFinding;
  readonly suppressed?: Suppression;
}

export interface Counts {
  readonly total: number;
  readonly bySeverity: Readonly<Record<FindingSeverity, number>>;
  readonly byStatus: Readonly<Record<FindingStatus, number>>;
}

export interface ScanVerdict {
  readonly exitCode: typeof EXIT_OK | typeof EXIT_POLICY | typeof EXIT_ERROR;
  readonly passed: boolean;
  /** Findings that count against the gate. */
  readonly counts: Counts;
  /** Shown but not counted, by why. */
  readonly suppressed: Readonly<Record<Suppression['by'], number>>;
  /** Left out entirely by `--only-fixed`. */
  readonly hidden: number;
  /** Why the gate failed, one line each (empty when it passed). */
  readonly reasons: readonly string[];
  /** What the gate wants seen even when it passes: expired ignore entries whose findings count again. */
  readonly notices: readonly string[];
  readonly findings: readonly GatedFinding[];
  readonly failOn?: Severity;
  readonly max?: Budget;
}

/** Parses `critical=0,high=9` (spaces allowed, severities case-insensitive, each once). */
export function parseBudget(text: string, where = '--max'): Budget {
  const budget: Partial<Record<FindingSeverity, number>> = {};
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0)
    throw new DrydockError('usage', 'empty budget', { where, hint: 'e.g. --max critical=0,high=9' });
  for (const item of items) {
    const m = /^([A-Za-z]+)\s*=\s*(\d+)$/.exec(item);
    const severity = m?.[1]?.toLowerCase();
    if (!m || severity === undefined || !(isSeverity(severity) || severity === 'unknown')) {
      throw new DrydockError('usage', `"${item}" is not SEVERITY=COUNT`, {
        where,
        hint: `severities: ${FINDING_SEVERITIES.join(', ')}; e.g. critical=0,high=9`,
      });
    }
    if (budget[severity] !== undefined) throw new DrydockError('usage', `${severity} is given twice`, { where });
    budget[severity] = Number(m[2]);
  }
  return budget;
}

export function formatBudget(budget: Budget): string {
  return FINDING_SEVERITIES.filter((s) => budget[s] !== undefined)
    .map((s) => `${s}=${budget[s]}`)
    .join(',');
}

export function countFindings(findings: readonly VulnerabilityFinding[]): Counts {
  const bySeverity = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, 0])) as Record<FindingSeverity, number>;
  const byStatus = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byStatus[f.status]++;
  }
  return { total: findings.length, bySeverity, byStatus };
}

/**
 * The scan gate. Input errors (a layer that could not be read) win: a partial scan is not a pass (2).
 * Then `--fail-on` and every budget line are checked against the counted findings (1 on any breach).
 */
export function evaluateScan(
  findings: readonly VulnerabilityFinding[],
  policy: ScanPolicy = {},
  context: { readonly errors?: number } = {},
): ScanVerdict {
  const shown = policy.onlyFixed ? findings.filter((f) => f.status === 'fixed') : findings;
  const suppressed: Record<Suppression['by'], number> = { vex: 0, ignore: 0, 'ignore-unfixed': 0 };
  const notices: string[] = [];
  const gated: GatedFinding[] = shown.map((finding) => {
    for (const notice of policy.notices ?? []) {
      const text = notice(finding);
      if (text !== undefined) notices.push(text);
    }
    const suppression = suppress(finding, policy);
    if (suppression) suppressed[suppression.by]++;
    return suppression ? { finding, suppressed: suppression } : { finding };
  });
  const counted = gated.filter((g) => !g.suppressed).map((g) => g.finding);
  const counts = countFindings(counted);
  const reasons: string[] = [];
  const errors = context.errors ?? 0;
  if (errors > 0) reasons.push(`${errors} input error${errors === 1 ? '' : 's'}: the scan is incomplete`);
  if (policy.failOn !== undefined) {
    const threshold = policy.failOn;
    const over = counted.filter((f) => f.severity !== 'unknown' && severityRank(f.severity) >= severityRank(threshold));
    if (over.length > 0) {
      reasons.push(`${over.length} finding${over.length === 1 ? '' : 's'} at or above --fail-on ${threshold}`);
    }
  }
  // Most severe first: the line a reader needs is the top one.
  for (const severity of [...[...SEVERITIES].reverse(), 'unknown'] as const) {
    const limit = policy.max?.[severity];
    if (limit === undefined) continue;
    const n = counts.bySeverity[severity];
    if (n > limit) reasons.push(`${n} ${severity} finding${n === 1 ? '' : 's'}, budget allows ${limit}`);
  }
  const failed = reasons.length > 0;
  const exitCode = errors > 0 ? EXIT_ERROR : failed ? EXIT_POLICY : EXIT_OK;
  return {
    exitCode,
    passed: !failed,
    counts,
    suppressed,
    hidden: findings.length - shown.length,
    reasons,
    notices: [...new Set(notices)],
    findings: gated,
    ...(policy.failOn !== undefined ? { failOn: policy.failOn } : {}),
    ...(policy.max !== undefined ? { max: policy.max } : {}),
  };
}

function suppress(finding: VulnerabilityFinding, policy: ScanPolicy): Suppression | undefined {
  for (const suppressor of policy.suppressors ?? []) {
    const s = suppressor(finding);
    if (s) return s;
  }
  if (policy.ignoreUnfixed && finding.status !== 'fixed') {
    return { by: 'ignore-unfixed', reason: finding.status === 'wont-fix' ? 'will not be fixed' : 'no fix yet' };
  }
  return undefined;
}
