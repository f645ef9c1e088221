import { planNonRoot } from '../fix/non-root.js';
import { fixOf } from '../fix/plan.js';
import type { Rule } from '../rule.js';
import { chainRoot, effectiveUser, runsAsNonRoot, stageChain } from '../user-helpers.js';

/** Without any USER the container runs as the base image's user, which is root for almost every image. */
export const DD2002: Rule = {
  meta: {
    id: 'DD2002',
    title: 'Final stage never sets a non-root USER',
    severity: 'high',
    category: 'user',
    why: 'Without a USER instruction the container runs as the base image user, root for nearly every base image, scratch included.',
    fix: 'Create an unprivileged user and add USER with it at the end of the final stage.',
    aliases: ['DS002', 'AVD-DS-0002', 'CIS-DI-0001'],
    fixable: true,
    peerNotes:
      'Trivy DS002 counts USER instructions in any stage; drydock looks only at the final stage and the stages it is built FROM, since a USER in a separate builder stage does not carry over. drydock also accepts base images that already run as non-root (distroless/any `nonroot` tag, Chainguard non-dev, rootless variants, Bitnami, *-unprivileged, .NET chiseled).',
    example: {
      bad: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]',
      good: 'FROM node:22-slim\nCOPY . /app\nUSER node\nCMD ["node", "/app/server.js"]',
    },
  },
  check({ file, config, report }) {
    const final = file.finalStage;
    if (!final) return;
    const chain = stageChain(final);
    if (effectiveUser(chain, file)) return;
    const root = chainRoot(chain);
    if (root?.ref && runsAsNonRoot(root.ref)) return;
    const image = root?.isScratch ? 'scratch' : root?.resolvedImage || final.image;
    report({
      message: `final stage (FROM ${image}) never sets USER, so it runs as root`,
      span: final.from.span,
      ...fixOf(planNonRoot(file, config)),
    });
  },
};
