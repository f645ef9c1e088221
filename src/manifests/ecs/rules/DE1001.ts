import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { setAtPath } from '../fixes.js';
import { type EcsContainer, ecsBoolean, ecsPair } from '../subjects.js';

export const DE1001: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE1001',
    kind: 'ecs',
    title: 'Container runs privileged',
    severity: 'high',
    why: 'A privileged container gets every capability and host device on the container instance, like root on the host (AWS Security Hub ECS.4).',
    fix: 'Remove `"privileged": true` (harden sets it to false) and add only the capability the container needs in linuxParameters.capabilities.add.',
    aliases: ['CKV_AWS_334'],
    fixable: true,
    example: {
      bad: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "app:1.0", "privileged": true }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "app:1.0", "privileged": false }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    const pair = ecsPair(subject, subject.map, 'privileged');
    if (!pair || ecsBoolean(pair.value) !== true) return;
    report({
      message: `container "${subject.name}" runs privileged: every capability and host device`,
      span: spanOf(pair),
      fix: { description: 'set privileged to false', edits: [setAtPath(subject, subject.map, ['privileged'], false)] },
    });
  },
};
