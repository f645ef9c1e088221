import { isScalar } from 'yaml';
import { parseImageRef } from '../../../core/image-ref.js';
import type { ManifestRule } from '../../rule.js';
import { spanOf, stringOf } from '../../yaml-nodes.js';
import { type EcsContainer, ecsPair } from '../subjects.js';

export const DE5001: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE5001',
    kind: 'ecs',
    title: 'Image not pinned by digest',
    severity: 'medium',
    why: 'A tag (worse: `latest` or none) can point at different bytes at the next deployment or scale-out, so tasks of one service can run different code, and not the code that was scanned.',
    fix: 'Reference the image by digest: `…/app:1.4@sha256:…` (`drydock pin` writes the digests).',
    aliases: [],
    example: {
      bad: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest" }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5"\n    }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    const pair = ecsPair(subject, subject.map, 'image');
    if (!pair || !isScalar(pair.value)) return;
    const image = stringOf(pair.value);
    if (!image) return;
    // CloudFormation `${AWS::AccountId}`-style substitutions stand in for registry parts, not the digest.
    const parsed = parseImageRef(image.replace(/\$\{[^}]*\}/g, 'x'));
    if (parsed.ok && parsed.ref.digest) return;
    const tag = parsed.ok ? parsed.ref.tag : undefined;
    report({
      message: `container "${subject.name}" pulls ${image} by ${tag && tag !== 'latest' ? `tag ${tag}` : tag ? 'the moving tag latest' : 'no tag (latest)'}, not by digest`,
      span: spanOf(pair.value),
    });
  },
};
