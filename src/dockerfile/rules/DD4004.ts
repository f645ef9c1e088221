import { lineOf, repeatedInStage, stageLabel } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Only the last HEALTHCHECK of a stage takes effect; the others mislead readers. */
export const DD4004: Rule = {
  meta: {
    id: 'DD4004',
    title: 'Multiple HEALTHCHECK instructions in a stage',
    severity: 'low',
    category: 'instructions',
    why: 'Only the last HEALTHCHECK of a stage takes effect, so earlier ones are dead code that hides how the container is really probed.',
    fix: 'Keep a single HEALTHCHECK per stage.',
    aliases: ['DL3012', 'DS023', 'AVD-DS-0023'],
    peerNotes:
      'Reported at every HEALTHCHECK after the first in a stage, as hadolint does; Trivy reports once per stage (at the second).',
    example: {
      bad: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/healthz"]',
      good: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/healthz"]',
    },
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      for (const { instr, previous } of repeatedInStage(stage, 'HEALTHCHECK')) {
        report({
          message: `HEALTHCHECK overrides the one at line ${lineOf(file, previous)} in ${stageLabel(stage)}: only the last takes effect`,
          span: instr.span,
        });
      }
    }
  },
};
