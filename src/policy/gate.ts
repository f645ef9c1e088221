import type { LintReport } from '../core/finding.js';
import { atLeast, type Severity } from '../core/severity.js';

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_POLICY = 1;
export const EXIT_ERROR = 2;

/** Info-level suggestions never fail a build unless asked for. */
export const DEFAULT_FAIL_ON: Severity = 'low';

export interface Verdict {
  readonly exitCode: typeof EXIT_OK | typeof EXIT_POLICY | typeof EXIT_ERROR;
  /** Findings at or above the threshold. */
  readonly failing: number;
  readonly threshold: Severity;
}

/** Input errors win over findings: a file that could not be linted is not a pass. */
export function gate(report: LintReport, threshold: Severity = DEFAULT_FAIL_ON): Verdict {
  const failing = report.findings.filter((f) => atLeast(f.severity, threshold)).length;
  const exitCode = report.errors.length > 0 ? EXIT_ERROR : failing > 0 ? EXIT_POLICY : EXIT_OK;
  return { exitCode, failing, threshold };
}
