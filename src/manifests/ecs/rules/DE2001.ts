import { parseImageRef } from '../../../core/image-ref.js';
import { runsAsNonRoot } from '../../../dockerfile/user-helpers.js';
import { isRootUser } from '../../compose/rules/DC2001.js';
import type { ManifestRule } from '../../rule.js';
import { spanOf, stringOf } from '../../yaml-nodes.js';
import { setAtPath } from '../fixes.js';
import { type EcsContainer, ecsPair, ecsValue } from '../subjects.js';

export const DE2001: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE2001',
    kind: 'ecs',
    title: 'Container runs as root',
    severity: 'medium',
    why: "Without `user` the container runs as the image's USER, root for most images; root in the container owns every file it can reach and is one kernel bug away from root on the instance.",
    fix: 'Set `"user": "1000"` (or the image\'s unprivileged user, the guide\'s `appuser`).',
    aliases: [],
    fixable: true,
    peerNotes:
      'AWS Config (ecs-task-definition-nonroot-user) and Security Hub ECS.1 (host network mode with root) cover the same ground in a deployed account; drydock checks the file before it is registered. Images that already run as non-root (distroless `nonroot`, Chainguard, Bitnami, `*-unprivileged`) pass without `user`.',
    example: {
      bad: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "python:3.12-slim" }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "python:3.12-slim", "user": "1000" }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    const pair = ecsPair(subject, subject.map, 'user');
    const user = stringOf(ecsValue(subject, subject.map, 'user'));
    const fix = {
      description: `run as user ${subject.fixUser}`,
      edits: [setAtPath(subject, subject.map, ['user'], subject.fixUser)],
    };
    if (pair && user !== undefined) {
      if (isRootUser(user))
        report({ message: `container "${subject.name}" runs as root (user ${user})`, span: spanOf(pair), fix });
      return;
    }
    const image = stringOf(ecsValue(subject, subject.map, 'image'));
    const parsed = image ? parseImageRef(image) : undefined;
    if (parsed?.ok && runsAsNonRoot(parsed.ref)) return;
    report({
      message: `container "${subject.name}" sets no user: it runs as the image's USER, root unless the image sets one`,
      span: subject.anchor,
      fix,
    });
  },
};
