import type { LintReport } from '../core/finding.js';
import type { Severity } from '../core/severity.js';
import type { Reporter } from './reporter.js';

/** GitHub Actions workflow commands: annotations on the pull request's diff. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

export const githubReporter: Reporter = {
  id: 'github',
  description: 'GitHub Actions annotations (::error file=…::)',
  render(report: LintReport): string {
    const lines = report.findings.map((f) => {
      const l = f.location;
      const props = [
        `file=${escapeProperty(l.path)}`,
        `line=${l.line}`,
        `col=${l.column}`,
        `endLine=${l.endLine}`,
        `endColumn=${l.endColumn}`,
        `title=${escapeProperty(`${f.ruleId} (${f.severity})`)}`,
      ];
      return `::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
    });
    for (const e of report.errors) {
      const props = [`file=${escapeProperty(e.path)}`];
      if (e.line !== undefined) props.push(`line=${e.line}`);
      lines.push(`::error ${props.join(',')}::${escapeData(e.message)}`);
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  },
};

// Escapes as the Actions toolkit does (@actions/core command.ts).
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
