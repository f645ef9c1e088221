import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { setAtPath } from '../fixes.js';
import { type EcsContainer, ecsBoolean, ecsPair } from '../subjects.js';

export const DE1002: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE1002',
    kind: 'ecs',
    title: 'Root filesystem is writable (readonlyRootFilesystem)',
    severity: 'medium',
    why: 'With a writable root filesystem an intruder can replace binaries and persist for the life of the task (AWS Security Hub ECS.5).',
    fix: 'Set `"readonlyRootFilesystem": true` and mount a task volume on each path the app writes (harden adds /tmp).',
    aliases: ['CKV_AWS_336'],
    fixable: true,
    example: {
      bad: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "app:1.0" }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1.0",\n      "readonlyRootFilesystem": true,\n      "mountPoints": [{ "sourceVolume": "web-tmp", "containerPath": "/tmp" }]\n    }\n  ],\n  "volumes": [{ "name": "web-tmp" }]\n}',
    },
  },
  check({ subject, report }) {
    const pair = ecsPair(subject, subject.map, 'readonlyRootFilesystem');
    if (pair && ecsBoolean(pair.value) === true) return;
    report({
      message: pair
        ? `container "${subject.name}" sets readonlyRootFilesystem to false`
        : `container "${subject.name}" has a writable root filesystem (no readonlyRootFilesystem: true)`,
      span: pair ? spanOf(pair) : subject.anchor,
      fix: {
        description: 'set readonlyRootFilesystem to true',
        edits: [setAtPath(subject, subject.map, ['readonlyRootFilesystem'], true)],
      },
    });
  },
};
