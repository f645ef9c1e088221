import { stageInstructions, stageLineage } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Without a HEALTHCHECK, Docker and Swarm only know whether the process runs, not whether it works. */
export const DD4011: Rule = {
  meta: {
    id: 'DD4011',
    title: 'No HEALTHCHECK in the final stage',
    severity: 'low',
    category: 'instructions',
    why: 'Without a HEALTHCHECK the engine only sees whether the process is alive, so a hung or broken service keeps receiving traffic.',
    fix: 'Add a HEALTHCHECK to the final stage, or HEALTHCHECK NONE to state that the orchestrator probes it.',
    aliases: ['DS026', 'AVD-DS-0026', 'CIS-DI-0006'],
    peerNotes:
      'Only the final stage (with the stages it builds on) is checked, since only it becomes the image; `HEALTHCHECK NONE` counts as a deliberate choice, as in Trivy.',
    example: {
      bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/',
      good: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]',
    },
  },
  check({ file, report }) {
    const final = file.finalStage;
    if (!final) return;
    if (stageLineage(final).some((s) => stageInstructions(s, 'HEALTHCHECK').length > 0)) return;
    report({ message: 'the final stage has no HEALTHCHECK', span: final.from.span });
  },
};
