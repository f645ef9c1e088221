import pc from 'picocolors';
import type { AuditFileKind, AuditReport } from '../audit/audit-paths.js';
import type { Finding } from '../core/finding.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { RenderOptions } from './reporter.js';
import { countBySeverity } from './summary.js';

const KIND_LABEL: Readonly<Record<AuditFileKind, string>> = {
  dockerfile: 'Dockerfile',
  kubernetes: 'Kubernetes',
  ecs: 'ECS task definition',
  compose: 'docker-compose',
  railway: 'Railway',
  dependencies: 'dependencies',
};

/**
 * `drydock audit` as text: one block per file (what it was checked as, its counts, then its findings
 * by line), the files without findings, errors, and a summary table by kind.
 */
export function renderAuditText(report: AuditReport, options: RenderOptions): string {
  const c = pc.createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) byFile.set(f.location.path, [...(byFile.get(f.location.path) ?? []), f]);
  const kindsOf = (path: string) => (report.fileKinds.get(path) ?? []).map((k) => KIND_LABEL[k]).join(', ');
  const lines: string[] = [];
  const clean: string[] = [];
  for (const file of report.files) {
    const findings = byFile.get(file) ?? [];
    if (findings.length === 0) {
      clean.push(file);
      continue;
    }
    lines.push(`${c.bold(file)} ${c.dim(`(${kindsOf(file)})`)} ${severityCounts(findings, paint)}`);
    if (options.quiet) continue;
    const width = Math.max(...findings.map((f) => `${f.location.line}:${f.location.column}`.length));
    for (const f of findings) {
      const where = `${f.location.line}:${f.location.column}`.padEnd(width);
      lines.push(`  ${where}  ${paint[f.severity](f.severity.padEnd(8))} ${c.dim(f.ruleId.padEnd(7))} ${f.message}`);
    }
    lines.push('');
  }
  if (clean.length > 0) {
    lines.push(`${c.green('no findings')}: ${clean.map((f) => `${f} (${kindsOf(f)})`).join(', ')}`, '');
  }
  for (const e of report.errors) {
    const where = e.line !== undefined ? `${e.path}:${e.line}:${e.column ?? 1}` : e.path;
    lines.push(`${c.bold(where)} ${c.red('error')} ${e.message}`);
  }
  if (report.errors.length > 0) lines.push('');
  lines.push(...summaryTable(report));
  return `${lines.join('\n')}\n`;
}

function severityCounts(findings: readonly Finding[], paint: Record<Severity, (s: string) => string>): string {
  const counts = countBySeverity(findings);
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => paint[s](`${counts[s]} ${s}`));
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

function summaryTable(report: AuditReport): string[] {
  const kinds = new Map<AuditFileKind, { files: number; findings: Finding[] }>();
  for (const file of report.files) {
    for (const kind of report.fileKinds.get(file) ?? []) {
      const row = kinds.get(kind) ?? { files: 0, findings: [] };
      row.files++;
      kinds.set(kind, row);
    }
  }
  for (const f of report.findings) {
    const kind = report.fileKinds.get(f.location.path)?.[0];
    if (kind) kinds.get(kind)?.findings.push(f);
  }
  const header = ['checked as', 'files', 'findings', ...[...SEVERITIES].reverse()];
  const rows: string[][] = [];
  for (const [kind, row] of [...kinds].sort((a, b) => a[0].localeCompare(b[0]))) {
    const counts = countBySeverity(row.findings);
    rows.push([
      KIND_LABEL[kind],
      String(row.files),
      String(row.findings.length),
      ...[...SEVERITIES].reverse().map((s) => String(counts[s])),
    ]);
  }
  const total = countBySeverity(report.findings);
  rows.push([
    'total',
    String(report.files.length),
    String(report.findings.length),
    ...[...SEVERITIES].reverse().map((s) => String(total[s])),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [fmt(header), ...rows.map(fmt)];
  if (report.errors.length > 0) out.push(`${report.errors.length} file(s) could not be checked`);
  return out;
}
