import type { VerifyCheck } from './check.js';

/** `drydock verify --list-checks`: a table for people, JSON for tools, Markdown for the docs page. */
export function renderCheckList(checks: readonly VerifyCheck[], format: 'text' | 'json' | 'markdown'): string {
  if (format === 'json')
    return `${JSON.stringify(
      checks.map((c) => c.meta),
      null,
      2,
    )}\n`;
  if (format === 'markdown') {
    const rows = checks.map((c) => {
      const m = c.meta;
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      const aliases = m.aliases.map((a) => `\`${a}\``).join(' ');
      const guide = m.guide ? `\`${cell(m.guide)}\`` : '';
      return `| ${m.id} | ${cell(m.title)} | ${m.severity} | ${guide} | ${aliases} | ${cell(m.why)} | ${cell(m.fix)} |`;
    });
    return [
      '| id | check | severity | guide | aliases | why | fix |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n');
  }
  const titleWidth = Math.min(72, Math.max(...checks.map((c) => c.meta.title.length)));
  const lines = checks.map((c) =>
    [
      c.meta.id,
      c.meta.severity.padEnd(8),
      c.meta.title.padEnd(titleWidth),
      c.meta.aliases.filter((a) => !a.startsWith('AVD-')).join(' '),
    ]
      .join('  ')
      .trimEnd(),
  );
  lines.push('', `${checks.length} checks; docs: docs/commands/verify.md`);
  return `${lines.join('\n')}\n`;
}
