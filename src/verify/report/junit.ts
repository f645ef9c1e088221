import type * as FastXml from 'fast-xml-parser';
import { lazyModule } from '../../core/lazy-module.js';
import type { VerifyReporter } from './formats.js';

const fastXml = lazyModule<typeof FastXml>('fast-xml-parser');

/** JUnit XML: one test case per check — failure, error, skipped (skips and warnings) or passed. */
export const verifyJunitReporter: VerifyReporter = {
  id: 'junit',
  description: 'JUnit XML (one test case per check)',
  render(report) {
    const cases = report.results.map((r) => {
      const base = {
        '@_name': `${r.id} ${r.title}`,
        '@_classname': `drydock.verify.${r.section}`,
        '@_time': (r.ms / 1000).toFixed(3),
      };
      const detail = [
        r.evidence,
        ...r.findings.map(
          (f) => `- ${f.message}${f.location ? ` (${f.location.path})` : f.field ? ` (${f.field})` : ''}`,
        ),
      ].join('\n');
      if (r.status === 'fail')
        return {
          ...base,
          failure: { '@_message': r.evidence, '@_type': r.severity, '#text': `${detail}\nfix: ${r.fix}` },
        };
      if (r.status === 'error') return { ...base, error: { '@_message': r.evidence, '@_type': 'error' } };
      if (r.status === 'skip') return { ...base, skipped: { '@_message': r.evidence } };
      if (r.status === 'warn')
        return { ...base, skipped: { '@_message': `warning (below --fail-on ${report.failOn}): ${r.evidence}` } };
      return { ...base, 'system-out': r.evidence };
    });
    const v = report.verdict;
    const suite = {
      '@_name': `drydock verify ${report.target}`,
      '@_tests': cases.length,
      '@_failures': v.counts.fail,
      '@_errors': v.counts.error,
      '@_skipped': v.counts.skip + v.counts.warn,
      '@_timestamp': report.generatedAt,
      testcase: cases,
    };
    const builder = new (fastXml().XMLBuilder)({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
    const xml = builder.build({
      testsuites: {
        '@_name': 'drydock verify',
        '@_tests': cases.length,
        '@_failures': v.counts.fail,
        '@_errors': v.counts.error,
        testsuite: [suite],
      },
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  },
};
