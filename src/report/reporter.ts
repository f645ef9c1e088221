import type { LintReport } from '../core/finding.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'checkstyle', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colours (only the text format uses them). */
  readonly color: boolean;
  /** Omit the summary line and source excerpts (text format). */
  readonly quiet?: boolean;
}

/** Reporters are pure functions of the report: same report, same bytes. */
export interface Reporter {
  readonly id: ReportFormat;
  readonly description: string;
  render(report: LintReport, options: RenderOptions): string;
}
