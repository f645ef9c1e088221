import type * as FastXml from 'fast-xml-parser';
import type { LintReport } from '../core/finding.js';
import { lazyModule } from '../core/lazy-module.js';
import type { Reporter } from './reporter.js';

const fastXml = lazyModule<typeof FastXml>('fast-xml-parser');

/**
 * JUnit XML: one test suite per file, one failing test case per finding, one passing case for a
 * clean file, an errored case for a file that could not be linted. CI systems show these as tests.
 */
export const junitReporter: Reporter = {
  id: 'junit',
  description: 'JUnit XML (one failing test case per finding)',
  render(report: LintReport): string {
    let totalTests = 0;
    let totalFailures = 0;
    let totalErrors = 0;
    const suites = report.files.map((name) => {
      const findings = report.findings.filter((f) => f.location.path === name);
      const errors = report.errors.filter((e) => e.path === name);
      const cases: object[] = findings.map((f) => ({
        '@_name': `${f.ruleId} at line ${f.location.line}`,
        '@_classname': name,
        failure: {
          '@_message': f.message,
          '@_type': f.severity,
          '#text': `${name}:${f.location.line}:${f.location.column} ${f.severity} ${f.ruleId} ${f.message}`,
        },
      }));
      for (const e of errors) {
        cases.push({ '@_name': 'lint', '@_classname': name, error: { '@_message': e.message, '@_type': 'input' } });
      }
      if (cases.length === 0) cases.push({ '@_name': 'lint', '@_classname': name });
      totalTests += cases.length;
      totalFailures += findings.length;
      totalErrors += errors.length;
      return {
        '@_name': name,
        '@_tests': cases.length,
        '@_failures': findings.length,
        '@_errors': errors.length,
        testcase: cases,
      };
    });
    const builder = new (fastXml().XMLBuilder)({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
    const xml = builder.build({
      testsuites: {
        '@_name': 'drydock lint',
        '@_tests': totalTests,
        '@_failures': totalFailures,
        '@_errors': totalErrors,
        testsuite: suites,
      },
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  },
};
