import { unresolvedTag } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** :latest moves with every upstream release, so the same Dockerfile builds different images. */
export const DD1002: Rule = {
  meta: {
    id: 'DD1002',
    title: 'Base image uses the :latest tag',
    severity: 'medium',
    category: 'base-image',
    why: ':latest is moved by every upstream release, so rebuilds silently change OS, runtime and vulnerabilities.',
    fix: 'Name a version tag (and pin its digest): FROM python:3.11-slim-bookworm@sha256:….',
    aliases: ['DL3007', 'DS001', 'AVD-DS-0001', 'DKL-DI-0006'],
    example: {
      bad: 'FROM node:latest\nCMD ["node", "server.js"]',
      good: 'FROM node:20-bookworm-slim\nCMD ["node", "server.js"]',
    },
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      if (stage.baseStage || stage.isScratch) continue;
      if (stage.ref) {
        if (stage.ref.tag !== 'latest' || stage.ref.digest) continue;
        const via = stage.image === stage.resolvedImage ? '' : ` (${stage.image})`;
        report({
          message: `FROM ${stage.ref.familiar}:latest${via}: name a version tag instead`,
          span: stage.imageSpan,
        });
      } else if (stage.unresolved && unresolvedTag(stage.image) === 'latest') {
        report({
          message: `FROM ${stage.image} uses the latest tag: name a version tag instead`,
          span: stage.imageSpan,
        });
      }
    }
  },
};
