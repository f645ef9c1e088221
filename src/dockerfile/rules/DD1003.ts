import { planReferencePin, planStagePin } from '../fix/pin-digest.js';
import { fixOf } from '../fix/plan.js';
import { argsWithoutDefault, displayImage, fromReferences } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/**
 * Tags move; only a digest names the exact image that was reviewed and scanned. The fix needs the
 * digest the tag points at now, which `drydock fix` looks up before linting (config.imageFacts):
 * plain lint never goes to the network, so its reports carry no fix for this rule.
 */
export const DD1003: Rule = {
  meta: {
    id: 'DD1003',
    title: 'Base image not pinned by @sha256 digest',
    severity: 'medium',
    category: 'base-image',
    why: 'A tag can be re-pushed at any time, so only a digest guarantees that builds use the exact image that was scanned.',
    fix: 'Pin every external image by digest (`drydock fix` or `drydock pin` adds it): FROM python:3.11-slim-bookworm@sha256:….',
    aliases: [],
    fixable: true,
    example: {
      bad: 'FROM python:3.11-slim-bookworm',
      good: 'FROM python:3.11-slim-bookworm@sha256:139020233cc412efe4c8135b0efe1c7569dc8b28ddd88bddb109b764f8977e30',
    },
  },
  check({ file, config, report }) {
    for (const stage of file.stages) {
      if (stage.baseStage || stage.isScratch) continue;
      if (stage.ref) {
        if (stage.ref.digest) continue;
        report({
          message: `FROM ${displayImage(stage.ref)} is not pinned by digest: run \`drydock pin\``,
          span: stage.imageSpan,
          ...fixOf(planStagePin(file, stage, stage.ref, config)),
        });
      } else if (stage.unresolved && !stage.image.includes('@')) {
        const args = argsWithoutDefault(stage.image, file.globalArgs).join(', ');
        report({
          message: `FROM ${stage.image} is only known at build time (ARG ${args} has no default), so its digest cannot be checked: give the ARG a default pinned by digest`,
          span: stage.imageSpan,
        });
      }
    }
    for (const from of fromReferences(file)) {
      if (from.target.kind !== 'image' || from.target.ref.digest) continue;
      const what = from.via === 'copy' ? `${from.instr.keyword} --from` : 'RUN --mount from';
      report({
        message: `${what}=${displayImage(from.target.ref)} is not pinned by digest: run \`drydock pin\``,
        span: from.span,
        ...fixOf(planReferencePin(file, from, from.target.ref, config)),
      });
    }
  },
};
