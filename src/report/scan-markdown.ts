import type { FindingSeverity } from '../match/finding.js';
import type { ScanReporter } from './scan-formats.js';
import { byPackage, countsLine, packageLabel, statusText, suppressedLine, verdictLine } from './scan-summary.js';

const ICON: Record<FindingSeverity, string> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
  unknown: '⬜',
};

/** Table cells: pipes and newlines would break the row; HTML-significant characters are escaped. */
function cell(text: string): string {
  return text
    .replace(/[&<>]/g, (ch) => `&#${ch.charCodeAt(0)};`)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** PR comments have a size limit (65,536 characters on GitHub); feed descriptions can be paragraphs. */
function short(text: string): string {
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/**
 * A pull-request comment: the verdict first (what a reviewer needs), the upgrades that fix the most,
 * then every finding per package inside a collapsed section so long reports do not swamp the thread.
 */
export const scanMarkdownReporter: ScanReporter = {
  id: 'markdown',
  description: 'Markdown for pull-request comments',
  render(report) {
    const v = report.verdict;
    const out: string[] = [];
    out.push(`### ${v.exitCode === 0 ? '✅' : '❌'} drydock scan: \`${cell(report.target)}\``);
    out.push('');
    out.push(`${cell(verdictLine(report))}`);
    out.push('');
    out.push(`${cell(countsLine(report))}${report.packages.length ? ` in ${report.packages.length} packages` : ''}.`);
    const suppressed = suppressedLine(report);
    if (suppressed) out.push('', `${cell(suppressed)}.`);
    for (const n of v.notices) out.push('', `> ⚠️ ${cell(n)}`);
    for (const e of report.errors) out.push('', `> ❗ ${cell(e.path ? `${e.path}: ${e.message}` : e.message)}`);
    if (report.upgrades.length > 0) {
      out.push('', '| Upgrade | From | To | Fixes |', '| --- | --- | --- | ---: |');
      for (const u of report.upgrades) {
        out.push(`| ${cell(u.package.name)} | ${cell(u.package.version)} | ${cell(u.to)} | ${u.fixes} |`);
      }
    }
    if (report.findings.length > 0) {
      out.push('', `<details><summary>${report.findings.length} findings by package</summary>`, '');
      out.push('| Package | Vulnerability | Severity | Status | Title |', '| --- | --- | --- | --- | --- |');
      for (const group of byPackage(report.findings)) {
        for (const g of group) {
          const f = g.finding;
          const id = g.suppressed ? `~~${cell(f.id)}~~` : cell(f.id);
          const sev = `${ICON[f.severity]} ${f.severity}${f.score === undefined ? '' : ` ${f.score.toFixed(1)}`}`;
          const status = g.suppressed
            ? `${statusText(f)}; not counted (${g.suppressed.by}: ${g.suppressed.reason})`
            : statusText(f);
          out.push(`| ${cell(packageLabel(f))} | ${id} | ${sev} | ${cell(status)} | ${cell(short(f.title ?? ''))} |`);
        }
      }
      out.push('', '</details>');
    }
    return `${out.join('\n')}\n`;
  },
};
