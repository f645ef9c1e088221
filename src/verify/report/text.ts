import pc from 'picocolors';
import { CHECK_SECTIONS, type CheckSection, shortDigest, type VerifyFinding } from '../check.js';
import type { CheckResult, ResultStatus } from '../report.js';
import type { VerifyReporter } from './formats.js';

const SECTION_TITLES: Record<CheckSection, string> = {
  user: 'Non-root user',
  updates: 'Nothing upgradable',
  minimal: 'Minimal installation',
  vulnerabilities: 'Vulnerabilities',
  leftovers: 'Build leftovers',
  secrets: 'Secrets',
  filesystem: 'Filesystem',
  config: 'Config',
};

/** Findings shown per check; the JSON report has all of them. */
const MAX_FINDINGS = 10;

/** What the message does not say itself: the layer of a file finding, or the config field. */
export function findingWhere(f: VerifyFinding): string {
  if (f.location) return f.location.layer ? `layer ${shortDigest(f.location.layer)}` : '';
  return f.field ?? '';
}

/**
 * The checklist, mirroring the guide's Verification section: one block per section, one line per
 * check (status, id, title, and the guide command it answers), its evidence, and for failures the
 * findings; then the verdict.
 */
export const verifyTextReporter: VerifyReporter = {
  id: 'text',
  description: 'the checklist, with evidence per line',
  render(report, options = {}) {
    const c = pc.createColors(options.color ?? false);
    const paint: Record<ResultStatus, (s: string) => string> = {
      pass: c.green,
      fail: (s) => c.bold(c.red(s)),
      warn: c.yellow,
      skip: c.dim,
      error: (s) => c.bold(c.magenta(s)),
    };
    const lines: string[] = [];
    const distro = report.distro
      ? (report.distro.prettyName ?? `${report.distro.id} ${report.distro.versionId ?? ''}`.trim())
      : 'unknown OS';
    const layers = report.image.layers.length;
    lines.push(c.bold(`drydock verify ${report.target}`));
    lines.push(
      c.dim(
        `${distro}, ${layers} layer${layers === 1 ? '' : 's'}, ${report.image.packages.os} OS packages, runs as ${report.image.user}`,
      ),
    );
    for (const section of CHECK_SECTIONS) {
      const results = report.results.filter((r) => r.section === section);
      if (results.length === 0) continue;
      lines.push('', c.bold(SECTION_TITLES[section]));
      for (const r of results) lines.push(...block(r, paint, c.dim));
    }
    const v = report.verdict;
    const words: Record<ResultStatus, string> = {
      fail: 'failed',
      error: 'error',
      warn: 'warning',
      pass: 'passed',
      skip: 'skipped',
    };
    const counts = (['fail', 'error', 'warn', 'pass', 'skip'] as const)
      .filter((s) => v.counts[s] > 0)
      .map((s) => `${v.counts[s]} ${words[s]}${(s === 'error' || s === 'warn') && v.counts[s] > 1 ? 's' : ''}`);
    lines.push('');
    for (const w of report.warnings) lines.push(c.yellow(`warning: ${w.path ? `${w.path}: ` : ''}${w.message}`));
    const verdict = v.passed
      ? c.green('verified')
      : v.exitCode === 2
        ? c.magenta('not verified (errors)')
        : c.red('not verified');
    lines.push(`${c.bold(verdict)}: ${counts.join(', ')} (exit ${v.exitCode})`);
    return `${lines.join('\n')}\n`;
  },
};

function block(
  r: CheckResult,
  paint: Record<ResultStatus, (s: string) => string>,
  dim: (s: string) => string,
): string[] {
  const guide = r.guide ? dim(`  (${r.guide})`) : '';
  const out = [`  ${paint[r.status](r.status.toUpperCase().padEnd(5))} ${r.id}  ${r.title}${guide}`];
  out.push(`               ${r.evidence}`);
  if (r.status !== 'fail' && r.status !== 'warn') return out;
  for (const f of r.findings.slice(0, MAX_FINDINGS)) {
    const where = findingWhere(f);
    out.push(`               - ${f.message}${where ? dim(`  ${where}`) : ''}`);
  }
  if (r.findings.length > MAX_FINDINGS)
    out.push(dim(`               … and ${r.findings.length - MAX_FINDINGS} more (-f json lists all)`));
  out.push(dim(`               fix: ${r.fix}`));
  return out;
}
