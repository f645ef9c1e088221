import type * as Sarif from 'sarif';
import type { Severity } from '../../core/severity.js';
import { sarifLog } from '../../report/sarif-log.js';
import type { VerifyFinding } from '../check.js';
import type { VerifyReporter } from './formats.js';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

const SCORE: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/**
 * SARIF 2.1.0: one rule per check that ran, one result per finding of a failed (or warned) check —
 * or one for the check itself when it has no finding — located at the image file (the layer digest
 * in the result's properties) or, for config findings, at the image with the field as a logical
 * location. Checks that errored become tool notifications.
 */
export const verifySarifReporter: VerifyReporter = {
  id: 'sarif',
  description: 'SARIF 2.1.0 (GitHub code scanning)',
  render(report) {
    const rules: Sarif.ReportingDescriptor[] = report.results.map((r) => ({
      id: r.id,
      name: r.title.replace(/[^A-Za-z0-9]+/g, ' ').trim(),
      shortDescription: { text: r.title },
      fullDescription: { text: r.why },
      help: { text: `${r.why}\nFix: ${r.fix}`, markdown: `${r.why}\n\n**Fix:** ${r.fix}` },
      helpUri: 'https://github.com/drydock-dev/drydock/blob/main/docs/commands/verify.md',
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: {
        tags: ['security', 'container', r.section, ...r.aliases],
        'security-severity': SCORE[r.severity],
        precision: 'high',
      },
    }));
    const results: Sarif.Result[] = [];
    report.results.forEach((r, ruleIndex) => {
      if (r.status !== 'fail' && r.status !== 'warn') return;
      const level = r.status === 'fail' ? LEVEL[r.severity] : 'note';
      const findings: readonly VerifyFinding[] = r.findings.length > 0 ? r.findings : [{ message: r.evidence }];
      for (const f of findings) {
        results.push({
          ruleId: r.id,
          ruleIndex,
          level,
          message: { text: f.message },
          locations: [location(report.target, f)],
          ...(f.location?.layer ? { properties: { layer: f.location.layer } } : {}),
        });
      }
    });
    const notifications: Sarif.Notification[] = report.results
      .filter((r) => r.status === 'error')
      .map((r) => ({ level: 'error', message: { text: `${r.id}: ${r.evidence}` }, descriptor: { id: r.id } }));
    return `${JSON.stringify(sarifLog(report.tool.version, rules, results, notifications), null, 2)}\n`;
  },
};

function location(target: string, f: VerifyFinding): Sarif.Location {
  if (f.location) {
    return {
      physicalLocation: {
        artifactLocation: { uri: f.location.path.split('/').map(encodeURIComponent).join('/') },
        region: { startLine: f.location.line },
      },
    };
  }
  return {
    physicalLocation: { artifactLocation: { uri: encodeURIComponent(target) } },
    ...(f.field ? { logicalLocations: [{ fullyQualifiedName: f.field, kind: 'member' }] } : {}),
  };
}
