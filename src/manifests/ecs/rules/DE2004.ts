import type { ManifestRule } from '../../rule.js';
import { asMap, spanOf } from '../../yaml-nodes.js';
import { setAtPath } from '../fixes.js';
import { type EcsContainer, ecsBoolean, ecsPair, ecsValue } from '../subjects.js';

export const DE2004: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE2004',
    kind: 'ecs',
    title: 'No init process (linuxParameters.initProcessEnabled)',
    severity: 'low',
    why: 'Without an init process the app runs as PID 1: it does not reap zombie processes and ignores SIGTERM unless it installs a handler, so tasks are killed hard at stop and leaked children pile up.',
    fix: 'Set `"linuxParameters": {"initProcessEnabled": true}` (runs tini as PID 1).',
    aliases: [],
    fixable: true,
    example: {
      bad: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "app:1.0" }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "app:1.0", "linuxParameters": { "initProcessEnabled": true } }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    const linux = asMap(ecsValue(subject, subject.map, 'linuxParameters'));
    const pair = ecsPair(subject, linux, 'initProcessEnabled');
    if (pair && ecsBoolean(pair.value) === true) return;
    report({
      message: `container "${subject.name}" runs without an init process (initProcessEnabled)`,
      span: pair ? spanOf(pair) : subject.anchor,
      fix: {
        description: 'enable the init process',
        edits: [setAtPath(subject, subject.map, ['linuxParameters', 'initProcessEnabled'], true)],
      },
    });
  },
};
