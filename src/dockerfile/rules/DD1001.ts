import { unresolvedTag } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** An untagged FROM silently means :latest, so every build may start from a different image. */
export const DD1001: Rule = {
  meta: {
    id: 'DD1001',
    title: 'Base image without a tag',
    severity: 'medium',
    category: 'base-image',
    why: 'Without a tag Docker pulls :latest, so rebuilds silently switch base image, OS release and vulnerabilities.',
    fix: 'Name a version tag (and pin its digest): FROM python:3.11-slim-bookworm@sha256:….',
    aliases: ['DL3006', 'DS001', 'AVD-DS-0001', 'DKL-DI-0006'],
    peerNotes:
      'A FROM whose image comes from an ARG without default is judged on what the text still says: `${REGISTRY}/ubuntu` is reported (no ARG value can add a tag), `alpine$TAG` and `$IMAGE` are not (the ARG may carry the tag). Trivy also reports `alpine$TAG` (it substitutes an empty value); we do not, since `--build-arg TAG=:3.19` is the evident intent.',
    example: {
      bad: 'FROM debian\nRUN apt-get update',
      good: 'FROM debian:bookworm-slim\nRUN apt-get update',
    },
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      if (stage.baseStage || stage.isScratch) continue;
      if (stage.ref) {
        if (stage.ref.tag || stage.ref.digest) continue;
        const via = stage.image === stage.resolvedImage ? '' : ` (${stage.image})`;
        report({
          message: `FROM ${stage.ref.familiar}${via} has no tag, so it means ${stage.ref.familiar}:latest: name a version`,
          span: stage.imageSpan,
        });
      } else if (stage.unresolved && unresolvedTag(stage.image) === 'none') {
        report({
          message: `FROM ${stage.image} has no tag whatever the build ARGs are: name a version`,
          span: stage.imageSpan,
        });
      }
    }
  },
};
