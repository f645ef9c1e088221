import { atLeast, SEVERITIES, type Severity } from '../core/severity.js';
import type { Budget } from '../policy/budget.js';
import { EXIT_ERROR, EXIT_OK, EXIT_POLICY } from '../policy/gate.js';
import type { DepsReport } from './audit.js';

export interface DepsPolicy {
  /**
   * Fail on any finding at or above this severity (default `low`, as `drydock lint`). With a budget and
   * no explicit threshold, the budget alone decides for vulnerable pins.
   */
  readonly failOn?: Severity;
  /** `failOn` was given explicitly (not the default). */
  readonly failOnGiven?: boolean;
  /** Allowed counts of vulnerable pins (DP1004) per severity: `--max critical=0,high=9`. */
  readonly max?: Budget;
  /** Vulnerable pins with no known fix are shown but do not count. */
  readonly ignoreUnfixed?: boolean;
}

export interface DepsVerdict {
  readonly exitCode: typeof EXIT_OK | typeof EXIT_POLICY | typeof EXIT_ERROR;
  /** One line per reason the gate failed. */
  readonly reasons: readonly string[];
}

const NO_FIX = /no fixed version is known/;

/** Input errors win (an incomplete audit is not a pass); then `--fail-on` and the budget. */
export function gateDeps(report: DepsReport, policy: DepsPolicy = {}): DepsVerdict {
  const counted = report.findings.filter(
    (f) => !(policy.ignoreUnfixed && f.ruleId === 'DP1004' && NO_FIX.test(f.message)),
  );
  const reasons: string[] = [];
  if (report.errors.length > 0) {
    reasons.push(
      `${report.errors.length} input error${report.errors.length === 1 ? '' : 's'}: the audit is incomplete`,
    );
  }
  const threshold = policy.failOn ?? 'low';
  const budgetDecides = policy.max !== undefined && !policy.failOnGiven;
  const over = counted.filter((f) => atLeast(f.severity, threshold) && !(budgetDecides && f.ruleId === 'DP1004'));
  if (over.length > 0) reasons.push(`${over.length} finding${over.length === 1 ? '' : 's'} at or above ${threshold}`);
  for (const severity of [...SEVERITIES].reverse()) {
    const limit = policy.max?.[severity];
    if (limit === undefined) continue;
    const n = counted.filter((f) => f.ruleId === 'DP1004' && f.severity === severity).length;
    if (n > limit) reasons.push(`${n} ${severity} vulnerable pin${n === 1 ? '' : 's'}, budget allows ${limit}`);
  }
  const exitCode = report.errors.length > 0 ? EXIT_ERROR : reasons.length > 0 ? EXIT_POLICY : EXIT_OK;
  return { exitCode, reasons };
}
