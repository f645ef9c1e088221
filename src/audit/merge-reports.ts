import { compareFindings, type LintReport, type RuleSummary } from '../core/finding.js';
import { VERSION } from '../version.js';

/** One report from several checkers' reports: files in order of first appearance, rules once each. */
export function mergeReports(reports: readonly LintReport[]): LintReport {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const rules = new Map<string, RuleSummary>();
  const sources = new Map<string, string>();
  for (const r of reports) {
    for (const f of r.files) {
      if (!seenFiles.has(f)) {
        seenFiles.add(f);
        files.push(f);
      }
    }
    for (const rule of r.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
    for (const [path, text] of r.sources) sources.set(path, text);
  }
  return {
    tool: { name: 'drydock', version: VERSION },
    files,
    findings: reports.flatMap((r) => r.findings).sort(compareFindings),
    errors: reports.flatMap((r) => r.errors),
    rules: [...rules.values()].sort((a, b) => a.id.localeCompare(b.id)),
    sources,
  };
}
