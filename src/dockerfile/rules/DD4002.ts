import { lineOf, repeatedInStage, stageLabel } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Only the last ENTRYPOINT of a stage takes effect; the others mislead readers. */
export const DD4002: Rule = {
  meta: {
    id: 'DD4002',
    title: 'Multiple ENTRYPOINT instructions in a stage',
    severity: 'medium',
    category: 'instructions',
    why: 'Only the last ENTRYPOINT of a stage takes effect, so earlier ones are dead code that hides what the container really runs.',
    fix: 'Keep a single ENTRYPOINT per stage.',
    aliases: ['DL4004', 'DS007', 'AVD-DS-0007'],
    peerNotes:
      'Reported at every ENTRYPOINT after the first in a stage, as hadolint does; Trivy reports once per stage (at the second).',
    example: {
      bad: 'FROM node:20-slim\nENTRYPOINT ["node"]\nENTRYPOINT ["node", "server.js"]',
      good: 'FROM node:20-slim\nENTRYPOINT ["node", "server.js"]',
    },
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      for (const { instr, previous } of repeatedInStage(stage, 'ENTRYPOINT')) {
        report({
          message: `ENTRYPOINT overrides the one at line ${lineOf(file, previous)} in ${stageLabel(stage)}: only the last takes effect`,
          span: instr.span,
        });
      }
    }
  },
};
