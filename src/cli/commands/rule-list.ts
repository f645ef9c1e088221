import type { Rule } from '../../dockerfile/rule.js';
import { ruleHelpUri } from '../../dockerfile/rule-docs.js';

/** `drydock lint --list-rules`: a table for people, JSON for tools. */
export function renderRuleList(rules: readonly Rule[], format: string): string {
  if (format === 'json') {
    const out = rules.map((r) => ({ ...r.meta, helpUri: ruleHelpUri(r.meta.id) }));
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  const rows = rules.map((r) => [
    r.meta.id,
    r.meta.severity + (r.meta.optional ? '*' : ''),
    r.meta.fixable ? 'fix' : '',
    r.meta.title,
    r.meta.aliases.filter((a) => !a.startsWith('AVD-')).join(' '),
  ]);
  const widths = [6, 9, 3, Math.min(64, Math.max(...rows.map((r) => (r[3] ?? '').length)))];
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
  lines.push(
    '',
    `${rules.length} rules; * = optional (off unless enabled in .drydock.yaml); docs: docs/rules/README.md`,
  );
  return `${lines.join('\n')}\n`;
}
