import { lineOf, repeatedInStage, stageLabel } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Only the last CMD of a stage takes effect; the others mislead readers. */
export const DD4003: Rule = {
  meta: {
    id: 'DD4003',
    title: 'Multiple CMD instructions in a stage',
    severity: 'medium',
    category: 'instructions',
    why: 'Only the last CMD of a stage takes effect, so earlier ones are dead code that hides what the container really runs.',
    fix: 'Keep a single CMD per stage.',
    aliases: ['DL4003', 'DS016', 'AVD-DS-0016'],
    peerNotes:
      'Reported at every CMD after the first in a stage, as hadolint does; Trivy reports once per stage (at the second).',
    example: {
      bad: 'FROM node:20-slim\nCMD ["node"]\nCMD ["node", "server.js"]',
      good: 'FROM node:20-slim\nCMD ["node", "server.js"]',
    },
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      for (const { instr, previous } of repeatedInStage(stage, 'CMD')) {
        report({
          message: `CMD overrides the one at line ${lineOf(file, previous)} in ${stageLabel(stage)}: only the last takes effect`,
          span: instr.span,
        });
      }
    }
  },
};
