import type * as FastXml from 'fast-xml-parser';
import type { LintReport } from '../core/finding.js';
import { lazyModule } from '../core/lazy-module.js';
import type { Severity } from '../core/severity.js';
import type { Reporter } from './reporter.js';

const fastXml = lazyModule<typeof FastXml>('fast-xml-parser');

const LEVEL: Record<Severity, 'error' | 'warning' | 'info'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
};

/** Checkstyle XML, read by Jenkins warnings-ng, reviewdog and many CI dashboards. */
export const checkstyleReporter: Reporter = {
  id: 'checkstyle',
  description: 'Checkstyle XML',
  render(report: LintReport): string {
    const files = report.files.map((name) => ({
      '@_name': name,
      error: [
        ...report.findings
          .filter((f) => f.location.path === name)
          .map((f) => ({
            '@_line': f.location.line,
            '@_column': f.location.column,
            '@_severity': LEVEL[f.severity],
            '@_message': f.message,
            '@_source': `drydock.${f.ruleId}`,
          })),
        ...report.errors
          .filter((e) => e.path === name)
          .map((e) => ({
            '@_line': e.line ?? 1,
            '@_column': e.column ?? 1,
            '@_severity': 'error',
            '@_message': e.message,
            '@_source': 'drydock.input',
          })),
      ],
    }));
    const builder = new (fastXml().XMLBuilder)({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
    return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ checkstyle: { '@_version': '4.3', file: files } })}`;
  },
};
