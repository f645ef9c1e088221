import pc from 'picocolors';
import type { FindingSeverity } from '../match/finding.js';
import type { ScanReporter } from './scan-formats.js';
import { byPackage, countsLine, packageLabel, statusText, suppressedLine, verdictLine } from './scan-summary.js';

/**
 * The terminal view: one block per package (its findings, then the one upgrade that resolves the most),
 * then counts by severity and fix status, and the gate's verdict with its reasons.
 */
export const scanTableReporter: ScanReporter = {
  id: 'table',
  description: 'findings grouped by package, with the upgrade that fixes them',
  render(report, options = {}) {
    const c = pc.createColors(options.color ?? false);
    const paint: Record<FindingSeverity, (s: string) => string> = {
      critical: (s) => c.bold(c.red(s)),
      high: c.red,
      medium: c.yellow,
      low: c.cyan,
      info: c.dim,
      unknown: c.dim,
    };
    const lines: string[] = [];
    const distro = report.distro
      ? ` (${report.distro.prettyName ?? `${report.distro.id} ${report.distro.versionId ?? ''}`.trim()})`
      : '';
    lines.push(`${report.target}${distro}: ${report.packages.length} packages scanned`);
    const idWidth = Math.max(0, ...report.findings.map((g) => g.finding.id.length));
    for (const group of byPackage(report.findings)) {
      const first = group[0]?.finding;
      if (!first) continue;
      lines.push('');
      const step = first.layerCreatedBy ? ` (${oneLine(first.layerCreatedBy, 60)})` : '';
      const layer = first.layer ? c.dim(` layer ${first.layer.slice(0, 19)}${step}`) : '';
      lines.push(`${c.bold(packageLabel(first))}${layer}`);
      for (const g of group) {
        const f = g.finding;
        const sev = paint[f.severity](f.severity.padEnd(8));
        const score = (f.score === undefined ? '' : f.score.toFixed(1)).padEnd(4);
        const muted = g.suppressed ? c.dim(` [not counted: ${g.suppressed.by}: ${g.suppressed.reason}]`) : '';
        const title = f.title ? `  ${f.title.length > 70 ? `${f.title.slice(0, 69)}…` : f.title}` : '';
        lines.push(`  ${f.id.padEnd(idWidth)}  ${sev} ${score} ${statusText(f)}${title}${muted}`);
      }
      const advice = report.upgrades.find(
        (u) => u.package.purl === first.package.purl && u.package.path === first.package.path,
      );
      if (advice) {
        const rest = advice.remaining > 0 ? ` (${advice.remaining} remain without a fix)` : '';
        lines.push(c.green(`  upgrade ${advice.package.name} to ${advice.to} fixes ${advice.fixes}${rest}`));
      }
    }
    lines.push('');
    lines.push(countsLine(report));
    const suppressed = suppressedLine(report);
    if (suppressed) lines.push(suppressed);
    for (const e of report.errors) lines.push(c.red(`error: ${e.path ? `${e.path}: ` : ''}${e.message}`));
    for (const r of report.verdict.notices) lines.push(c.yellow(r));
    const verdict = verdictLine(report);
    lines.push(report.verdict.exitCode === 0 ? c.green(verdict) : c.red(verdict));
    return `${lines.join('\n')}\n`;
  },
};

/** A history step on one line: `/bin/sh -c #(nop) ` noise removed, whitespace folded, cut at `max`. */
function oneLine(text: string, max: number): string {
  const t = text
    .replace(/^\/bin\/sh -c (#\(nop\) )?/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
