import { stageInstructions, stageLineage } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Teams that list required labels (source, version, owner) want every image to carry them. */
export const DD4017: Rule = {
  meta: {
    id: 'DD4017',
    title: 'Required label missing',
    severity: 'low',
    category: 'instructions',
    why: 'Labels such as org.opencontainers.image.source tie an image to its repository and owner; scanners, registries and incident responders rely on them.',
    fix: 'Add the missing labels with LABEL in the final stage (or a stage it builds on).',
    aliases: ['DL3049'],
    peerNotes:
      'Only the final stage (with the stages it builds on) is checked, since only it becomes the image; hadolint also reports intermediate stages that no other stage uses, whose labels are thrown away.',
    example: {
      bad: 'FROM python:3.12-slim\nCOPY . /app',
      good: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\nCOPY . /app',
    },
  },
  check({ file, config, report }) {
    const final = file.finalStage;
    if (!final || config.requiredLabels.length === 0) return;
    const present = new Set(
      stageLineage(final).flatMap((s) => stageInstructions(s, 'LABEL').flatMap((l) => l.properties.map((p) => p.name))),
    );
    for (const label of config.requiredLabels) {
      if (present.has(label)) continue;
      report({ message: `the final stage does not set the required label ${label}`, span: final.from.span });
    }
  },
};
