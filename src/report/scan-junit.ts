import type * as FastXml from 'fast-xml-parser';
import { lazyModule } from '../core/lazy-module.js';
import type { ScanReporter } from './scan-formats.js';
import { statusText } from './scan-summary.js';

const fastXml = lazyModule<typeof FastXml>('fast-xml-parser');

/**
 * JUnit XML: one test case per finding (failing when it counts, skipped when suppressed) and a `gate`
 * case that fails with the verdict's reasons, so CI test views show both what is wrong and why it fails.
 */
export const scanJunitReporter: ScanReporter = {
  id: 'junit',
  description: 'JUnit XML (one test case per finding, plus the gate)',
  render(report) {
    const cases: object[] = report.findings.map(({ finding: f, suppressed }) => {
      const name = `${f.id} in ${f.package.name} ${f.package.version}`;
      const classname = f.package.purl;
      if (suppressed)
        return {
          '@_name': name,
          '@_classname': classname,
          skipped: { '@_message': `${suppressed.by}: ${suppressed.reason}` },
        };
      return {
        '@_name': name,
        '@_classname': classname,
        failure: {
          '@_message': `${f.severity}: ${statusText(f)}`,
          '@_type': f.severity,
          '#text': `${f.id} (${f.severity}${f.score === undefined ? '' : ` ${f.score}`}) in ${f.package.purl}: ${statusText(f)}${f.title ? `\n${f.title}` : ''}`,
        },
      };
    });
    const v = report.verdict;
    const gate: Record<string, unknown> = { '@_name': 'gate', '@_classname': 'drydock.scan' };
    if (report.errors.length > 0) {
      gate.error = { '@_message': report.errors.map((e) => e.message).join('; '), '@_type': 'input' };
    } else if (v.exitCode !== 0) {
      gate.failure = { '@_message': v.reasons.join('; '), '@_type': 'policy' };
    }
    cases.push(gate);
    const failures = cases.filter((c) => 'failure' in c).length;
    const errors = report.errors.length > 0 ? 1 : 0;
    const skipped = cases.filter((c) => 'skipped' in c).length;
    const suite = {
      '@_name': `drydock scan ${report.target}`,
      '@_tests': cases.length,
      '@_failures': failures,
      '@_errors': errors,
      '@_skipped': skipped,
      '@_timestamp': report.generatedAt,
      testcase: cases,
    };
    const builder = new (fastXml().XMLBuilder)({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
    const xml = builder.build({
      testsuites: {
        '@_name': 'drydock scan',
        '@_tests': cases.length,
        '@_failures': failures,
        '@_errors': errors,
        testsuite: [suite],
      },
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  },
};
