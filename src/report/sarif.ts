import type * as Sarif from 'sarif';
import type { LintReport } from '../core/finding.js';
import type { Severity } from '../core/severity.js';
import type { Reporter } from './reporter.js';
import { sarifLog } from './sarif-log.js';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning ranks alerts by this property (CVSS-like 0–10). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** SARIF 2.1.0, validated against the official schema in tests. */
export const sarifReporter: Reporter = {
  id: 'sarif',
  description: 'SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDEs)',
  render(report: LintReport): string {
    const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
    const rules: Sarif.ReportingDescriptor[] = report.rules.map((r) => ({
      id: r.id,
      name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch?: string) => (ch ? ch.toUpperCase() : '')),
      shortDescription: { text: r.title },
      fullDescription: { text: r.why },
      help: { text: `${r.why} ${r.fix}`, markdown: `${r.why}\n\n**Fix:** ${r.fix}\n\n[${r.id}](${r.helpUri})` },
      helpUri: r.helpUri,
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: {
        tags: ['security', 'dockerfile', ...r.aliases],
        'security-severity': SECURITY_SEVERITY[r.severity],
        precision: 'high',
      },
    }));
    const results: Sarif.Result[] = report.findings.map((f) => {
      const l = f.location;
      const result: Sarif.Result = {
        ruleId: f.ruleId,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(l.path), uriBaseId: '%SRCROOT%' },
              region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
            },
          },
        ],
        properties: { severity: f.severity, aliases: [...f.aliases] },
      };
      const index = ruleIndex.get(f.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      if (f.fix) {
        result.fixes = [
          {
            description: { text: f.fix.description },
            artifactChanges: [
              {
                artifactLocation: { uri: toUri(l.path), uriBaseId: '%SRCROOT%' },
                replacements: f.fix.edits.map((e) => ({
                  deletedRegion: { charOffset: e.span.start, charLength: e.span.end - e.span.start },
                  insertedContent: { text: e.text },
                })),
              },
            ],
          },
        ];
      }
      return result;
    });
    const log = sarifLog(
      report.tool.version,
      rules,
      results,
      report.errors.map((e) => ({
        level: 'error' as const,
        message: { text: e.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(e.path), uriBaseId: '%SRCROOT%' },
              ...(e.line !== undefined ? { region: { startLine: e.line, startColumn: e.column ?? 1 } } : {}),
            },
          },
        ],
      })),
    );
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function toUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
