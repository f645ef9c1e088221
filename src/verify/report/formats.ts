import type { VerifyReport } from '../report.js';

export const VERIFY_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

export interface VerifyRenderOptions {
  /** ANSI colours (only the text view uses them). */
  readonly color?: boolean;
}

/** Verify reporters are pure functions of the report: same report, same bytes. */
export interface VerifyReporter {
  readonly id: VerifyFormat;
  readonly description: string;
  render(report: VerifyReport, options?: VerifyRenderOptions): string;
}
