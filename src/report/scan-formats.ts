import type { ScanReport } from '../match/scan-report.js';

export const SCAN_FORMATS = ['table', 'json', 'sarif', 'markdown', 'junit', 'cyclonedx'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export interface ScanRenderOptions {
  /** ANSI colours (only the table uses them). */
  readonly color?: boolean;
}

/** Scan reporters are pure functions of the report: same report, same bytes. */
export interface ScanReporter {
  readonly id: ScanFormat;
  readonly description: string;
  render(report: ScanReport, options?: ScanRenderOptions): string;
}
