import pc from 'picocolors';
import type { Finding, LintReport } from '../core/finding.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { SourceText } from '../core/source-text.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { countBySeverity } from './summary.js';

/** `file:line:col severity RULE message`, the source line and a caret, then a summary. */
export const textReporter: Reporter = {
  id: 'text',
  description: 'human-readable, with the offending line and a caret',
  render(report: LintReport, options: RenderOptions): string {
    const c = pc.createColors(options.color);
    const paint: Record<Severity, (s: string) => string> = {
      critical: (s) => c.bold(c.red(s)),
      high: c.red,
      medium: c.yellow,
      low: c.cyan,
      info: c.dim,
    };
    const texts = new Map<string, SourceText>();
    const lines: string[] = [];
    for (const f of report.findings) {
      const loc = f.location;
      lines.push(
        `${c.bold(`${loc.path}:${loc.line}:${loc.column}`)} ${paint[f.severity](f.severity)} ${c.dim(f.ruleId)} ${f.message}`,
      );
      if (!options.quiet) lines.push(...excerpt(f, report, texts, c.red));
    }
    for (const e of report.errors) {
      const where = e.line !== undefined ? `${e.path}:${e.line}:${e.column ?? 1}` : e.path;
      lines.push(`${c.bold(where)} ${c.red('error')} ${e.message}`);
    }
    if (!options.quiet) {
      const counts = countBySeverity(report.findings);
      const parts = [...SEVERITIES]
        .reverse()
        .filter((s) => counts[s] > 0)
        .map((s) => `${counts[s]} ${s}`);
      const n = report.findings.length;
      const files = report.files.length;
      let summary = `${n} finding${n === 1 ? '' : 's'}${parts.length > 0 ? ` (${parts.join(', ')})` : ''} in ${files} file${files === 1 ? '' : 's'}`;
      if (report.errors.length > 0) summary += `; ${report.errors.length} could not be linted`;
      if (lines.length > 0) lines.push('');
      lines.push(summary);
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  },
};

function excerpt(f: Finding, report: LintReport, cache: Map<string, SourceText>, red: (s: string) => string): string[] {
  const text = report.sources.get(f.location.path);
  if (text === undefined) return [];
  let source = cache.get(f.location.path);
  if (!source) {
    source = new SourceText(f.location.path, text);
    cache.set(f.location.path, source);
  }
  const line = source.lineText(f.location.line);
  const gutter = String(f.location.line);
  const width =
    f.location.endLine === f.location.line
      ? Math.max(1, f.location.endColumn - f.location.column)
      : Math.max(1, line.length - f.location.column + 1);
  const shown = line.length > 160 ? `${line.slice(0, 157)}...` : line;
  const caret = `${' '.repeat(Math.min(f.location.column - 1, 160))}${'^'.repeat(Math.min(width, 80))}`;
  return [`  ${gutter} | ${shown}`, `  ${' '.repeat(gutter.length)} | ${red(caret)}`];
}
