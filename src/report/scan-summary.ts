import type { FindingStatus, VulnerabilityFinding } from '../match/finding.js';
import type { ScanReport } from '../match/scan-report.js';
import { packageKey } from '../match/scan-report.js';
import type { GatedFinding } from '../policy/budget.js';
import { FINDING_SEVERITIES, FINDING_STATUSES } from '../policy/budget.js';

/** Shared wording for the text-like scan formats (table, markdown): one place decides the words. */

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 vulnerabilities (1 critical, 2 high); fixed 2, unfixed 1` over the counted findings. */
export function countsLine(report: ScanReport): string {
  const c = report.verdict.counts;
  // Most severe first, unknown last: it is not "less severe than info", just unrated.
  const order = [...FINDING_SEVERITIES.filter((s) => s !== 'unknown').reverse(), 'unknown' as const];
  const sev = order.filter((s) => c.bySeverity[s] > 0).map((s) => `${c.bySeverity[s]} ${s}`);
  const status = FINDING_STATUSES.filter((s) => c.byStatus[s] > 0).map((s) => `${s} ${c.byStatus[s]}`);
  const n = c.total === 1 ? '1 vulnerability' : `${c.total} vulnerabilities`;
  return `${n}${sev.length ? ` (${sev.join(', ')})` : ''}${status.length ? `; ${status.join(', ')}` : ''}`;
}

/** `2 suppressed (1 vex, 1 ignore); 4 hidden by --only-fixed`, or empty. */
export function suppressedLine(report: ScanReport): string {
  const s = report.verdict.suppressed;
  const parts = (['vex', 'ignore', 'ignore-unfixed'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  const total = s.vex + s.ignore + s['ignore-unfixed'];
  const out: string[] = [];
  if (total > 0) out.push(`${total} not counted (${parts.join(', ')})`);
  if (report.verdict.hidden > 0) out.push(`${report.verdict.hidden} without a fix hidden by --only-fixed`);
  return out.join('; ');
}

export function statusText(f: VulnerabilityFinding): string {
  const labels: Record<FindingStatus, string> = { fixed: 'fixed', unfixed: 'no fix yet', 'wont-fix': "won't fix" };
  if (f.status === 'fixed') return `fixed in ${f.fixedVersion ?? '?'}`;
  return f.statusReason ? `${labels[f.status]} (${f.statusReason})` : labels[f.status];
}

export function packageLabel(f: VulnerabilityFinding): string {
  const p = f.package;
  const source = p.sourceName && p.sourceName !== p.name ? ` (source ${p.sourceName})` : '';
  return `${p.name} ${p.version}${source}`;
}

/** Findings grouped by package (purl + path), in report order. */
export function byPackage(findings: readonly GatedFinding[]): GatedFinding[][] {
  const groups = new Map<string, GatedFinding[]>();
  for (const g of findings) {
    const key = packageKey(g.finding.package);
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  return [...groups.values()];
}

export function verdictLine(report: ScanReport): string {
  const v = report.verdict;
  const gate = [
    v.failOn ? `--fail-on ${v.failOn}` : '',
    v.max
      ? `--max ${Object.entries(v.max)
          .map(([k, n]) => `${k}=${n}`)
          .join(',')}`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (v.exitCode === 0) return gate ? `gate passed (${gate})` : 'no gate set';
  return `gate failed${gate ? ` (${gate})` : ''}: ${v.reasons.join('; ')}`;
}
