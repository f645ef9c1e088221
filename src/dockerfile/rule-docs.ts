import type { Rule } from './rule.js';

/** Docs are generated from rule metadata, so a page can never drift from the rule it describes. */
export const DOCS_BASE_URL = 'https://github.com/drydock-dev/drydock/blob/main/docs/rules';

export function ruleHelpUri(id: string): string {
  return `${DOCS_BASE_URL}/${id}.md`;
}

/** The peer tool an alias id belongs to. */
export function aliasTool(alias: string): string {
  if (/^DL\d+$/.test(alias)) return 'hadolint';
  if (/^(AVD-)?DS-?\d+$/.test(alias)) return 'Trivy';
  if (/^CIS-DI-\d+$/.test(alias)) return 'Dockle (CIS)';
  if (/^DKL-/.test(alias)) return 'Dockle';
  return 'other';
}

/** Why, Fix, the bad/good example and the peer differences: the part of a rule page every kind shares. */
export function ruleBodySections(
  m: {
    readonly why: string;
    readonly fix: string;
    readonly example: { readonly bad: string; readonly good: string };
    readonly peerNotes?: string;
  },
  fence: string,
): string[] {
  const lines = ['## Why', '', m.why, '', '## Fix', '', m.fix, '', '## Example', '', 'Flagged:', ''];
  lines.push(`\`\`\`${fence}`, m.example.bad, '```', '', 'Passes:', '', `\`\`\`${fence}`, m.example.good, '```', '');
  if (m.peerNotes) lines.push('## Differences from peers', '', m.peerNotes, '');
  return lines;
}

export function renderRulePage(rule: Rule): string {
  const m = rule.meta;
  const lines = [
    `# ${m.id}: ${m.title}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Severity | ${m.severity} |`,
    `| Category | ${m.category} |`,
    `| Enabled by default | ${m.optional ? 'no (turn on in `.drydock.yaml`)' : 'yes'} |`,
    `| Auto-fix | ${m.fixable ? 'yes' : 'no'} |`,
    `| Aliases | ${m.aliases.length > 0 ? m.aliases.map((a) => `\`${a}\` (${aliasTool(a)})`).join(', ') : '—'} |`,
    '',
    ...ruleBodySections(m, 'dockerfile'),
  ];
  lines.push(
    '## Suppress',
    '',
    `\`# drydock-ignore=${m.id} reason\` on the line above the instruction, or \`# drydock-ignore-file=${m.id}\`` +
      (m.aliases.some((a) => a.startsWith('DL'))
        ? `; \`# hadolint ignore=${m.aliases.find((a) => a.startsWith('DL'))}\` works too.`
        : '.'),
    '',
  );
  return lines.join('\n');
}

export function renderRulesIndex(rules: readonly Rule[]): string {
  const lines = [
    '# drydock lint rules',
    '',
    'Generated from the rule metadata by `npm run docs`; `npm run check:rules` fails when it is stale.',
    '',
    '| id | title | severity | aliases | fix |',
    '|---|---|---|---|---|',
  ];
  for (const r of rules) {
    const m = r.meta;
    lines.push(
      `| [${m.id}](${m.id}.md) | ${m.title.replace(/\|/g, '\\|')} | ${m.severity}${m.optional ? ' (optional)' : ''} | ${m.aliases.join(', ') || '—'} | ${m.fixable ? 'yes' : ''} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
