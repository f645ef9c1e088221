import { lineOf, stageLabel } from '../instruction-helpers.js';
import type { Instruction } from '../parse/dockerfile.js';
import type { Rule } from '../rule.js';

/** Two download tools in one image: twice the attack surface and two sets of TLS/proxy behaviour. */
export const DD4016: Rule = {
  meta: {
    id: 'DD4016',
    title: 'Both wget and curl used',
    severity: 'low',
    category: 'shell',
    why: 'Using both wget and curl in one stage installs and maintains two tools that do the same job, with different TLS, redirect and proxy behaviour.',
    fix: 'Pick one download tool per stage and use it everywhere.',
    aliases: ['DL4001', 'DS014', 'AVD-DS-0014'],
    peerNotes:
      'Per stage, as hadolint and Trivy do; like hadolint, every RUN that uses either tool once both have appeared is reported, and ONBUILD RUNs are counted apart (they run in child images).',
    example: {
      bad: 'RUN wget -q https://example.org/a.tgz\nRUN curl -fsSLO https://example.org/b.tgz',
      good: 'RUN curl -fsSLO https://example.org/a.tgz\nRUN curl -fsSLO https://example.org/b.tgz',
    },
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      const runs = file.runs.filter((r) => r.stage === stage);
      for (const onbuild of [false, true]) {
        const firstUse = new Map<string, Instruction>();
        for (const run of runs.filter((r) => r.onbuild === onbuild)) {
          const tools = file.shell(run).commands.filter((c) => c.name === 'wget' || c.name === 'curl');
          const first = tools[0];
          if (!first) continue;
          for (const t of tools) if (!firstUse.has(t.name)) firstUse.set(t.name, run);
          if (firstUse.size < 2) continue;
          const other = first.name === 'wget' ? 'curl' : 'wget';
          const otherRun = firstUse.get(other);
          const where = otherRun && otherRun !== run ? ` (${other} at line ${lineOf(file, otherRun)})` : '';
          report({
            message: `both wget and curl are used in ${stageLabel(stage)}${where}: pick one`,
            span: first.span,
          });
        }
      }
    }
  },
};
