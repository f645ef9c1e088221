import { displayImage, globMatch, imageCandidates } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** The team's allow-list of base images is where its patching and scanning effort goes. */
export const DD1006: Rule = {
  meta: {
    id: 'DD1006',
    title: 'Base image not in the allowed list',
    severity: 'high',
    category: 'base-image',
    why: 'Base images outside allowedImages are not the ones the team patches, scans and supports, so they drift unnoticed.',
    fix: 'Use an image matching allowedImages in .drydock.yaml (or extend the list after review).',
    aliases: [],
    example: {
      bad: "# .drydock.yaml: allowedImages: ['python:*-slim*']\nFROM python:3.11-bookworm",
      good: "# .drydock.yaml: allowedImages: ['python:*-slim*']\nFROM python:3.11-slim-bookworm",
    },
  },
  check({ file, config, report }) {
    const patterns = config.allowedImages;
    if (patterns.length === 0) return;
    for (const stage of file.stages) {
      const ref = stage.ref;
      if (!ref) continue;
      const names = imageCandidates(ref);
      if (patterns.some((p) => names.some((n) => globMatch(p, n)))) continue;
      report({
        message: `FROM ${displayImage(ref)} matches none of allowedImages (${patterns.join(', ')})`,
        span: stage.imageSpan,
      });
    }
  },
};
