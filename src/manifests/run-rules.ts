import { type Finding, type RuleSummary, ruleSummary } from '../core/finding.js';
import { ruleHelpUri } from '../dockerfile/rule-docs.js';
import type { ManifestFile } from './manifest-file.js';
import type { ManifestRule, ManifestRuleMeta } from './rule.js';

export interface RuleSelection {
  /** Run only these rules (ids or aliases, case-insensitive); optional rules run only when named here. */
  readonly only?: readonly string[];
}

/** Whether a rule runs under a selection: non-optional rules by default, exactly the named ones with `only`. */
export function isSelected(meta: ManifestRuleMeta, selection: RuleSelection = {}): boolean {
  if (!selection.only || selection.only.length === 0) return !meta.optional;
  const wanted = new Set(selection.only.map((s) => s.toUpperCase()));
  return wanted.has(meta.id.toUpperCase()) || meta.aliases.some((a) => wanted.has(a.toUpperCase()));
}

/** The rules of one kind that a run uses. */
export function selectManifestRules<S>(
  rules: readonly ManifestRule<S>[],
  selection: RuleSelection = {},
): ManifestRule<S>[] {
  return rules.filter((r) => isSelected(r.meta, selection));
}

/**
 * Runs every rule over every subject of a file and turns reports into located Findings. Rules never
 * see each other's reports; suppression comments are applied afterwards (hadolint's order).
 */
export function runManifestRules<S>(
  file: ManifestFile,
  subjects: readonly S[],
  rules: readonly ManifestRule<S>[],
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const subject of subjects) {
    for (const rule of rules) {
      rule.check({
        subject,
        file,
        report: (r) => {
          // Two subjects can share a node (a pod-level field read for each container): report it once.
          const key = `${rule.meta.id}:${r.span.start}:${r.span.end}:${r.message}`;
          if (seen.has(key)) return;
          seen.add(key);
          findings.push({
            ruleId: rule.meta.id,
            severity: rule.meta.severity,
            message: r.message,
            location: file.location(r.span),
            aliases: rule.meta.aliases,
            ...(r.fix ? { fix: r.fix } : {}),
          });
        },
      });
    }
  }
  return applySuppressions(file.text, findings);
}

const PRAGMA = /#\s*(drydock-ignore-file|drydock-ignore)\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)/i;

/**
 * `# drydock-ignore=DK1001,KSV017 reason` suppresses those ids on the next non-comment line and on the
 * comment's own line (trailing comment); `# drydock-ignore-file=…` anywhere suppresses them in the file.
 * Ids match the rule id or any alias.
 */
export function applySuppressions(text: string, findings: readonly Finding[]): Finding[] {
  if (!text.includes('drydock-ignore')) return [...findings];
  const lines = text.split(/\r\n|\r|\n/);
  const fileWide = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const add = (line: number, ids: readonly string[]) => {
    const set = byLine.get(line) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byLine.set(line, set);
  };
  lines.forEach((line, i) => {
    const m = PRAGMA.exec(line);
    if (!m) return;
    const ids = (m[2] ?? '').split(',').map((s) => s.trim().toUpperCase());
    if ((m[1] ?? '').toLowerCase() === 'drydock-ignore-file') {
      for (const id of ids) fileWide.add(id);
      return;
    }
    add(i + 1, ids);
    let next = i + 1;
    while (next < lines.length && /^\s*(#.*)?$/.test(lines[next] ?? '')) next++;
    add(next + 1, ids);
  });
  const matches = (f: Finding, ids: ReadonlySet<string> | undefined) =>
    ids !== undefined && (ids.has(f.ruleId.toUpperCase()) || f.aliases.some((a) => ids.has(a.toUpperCase())));
  return findings.filter((f) => !matches(f, fileWide) && !matches(f, byLine.get(f.location.line)));
}

export function summarizeManifestRule(meta: ManifestRuleMeta): RuleSummary {
  return ruleSummary(meta, ruleHelpUri(meta.id));
}
