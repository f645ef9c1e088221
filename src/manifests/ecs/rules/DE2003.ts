import { ALLOWED_CAPABILITIES, capabilityName } from '../../compose/rules/DC2005.js';
import type { ManifestRule } from '../../rule.js';
import { asMap, spanOf } from '../../yaml-nodes.js';
import { type EcsContainer, ecsValue, stringItems } from '../subjects.js';

export const DE2003: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE2003',
    kind: 'ecs',
    title: 'Capability added beyond NET_BIND_SERVICE',
    severity: 'medium',
    why: 'Every added capability widens what a compromised process can do; SYS_ADMIN, NET_ADMIN or SYS_PTRACE come close to running privileged.',
    fix: 'Remove the capability from linuxParameters.capabilities.add unless the container cannot work without it.',
    aliases: [],
    example: {
      bad: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1.0",\n      "linuxParameters": { "capabilities": { "add": ["SYS_ADMIN"] } }\n    }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1.0",\n      "linuxParameters": { "capabilities": { "drop": ["ALL"], "add": ["NET_BIND_SERVICE"] } }\n    }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    const linux = asMap(ecsValue(subject, subject.map, 'linuxParameters'));
    const capabilities = asMap(ecsValue(subject, linux, 'capabilities'));
    for (const cap of stringItems(ecsValue(subject, capabilities, 'add'))) {
      const name = capabilityName(cap.value);
      if (ALLOWED_CAPABILITIES.has(name)) continue;
      report({ message: `container "${subject.name}" adds capability ${name}`, span: spanOf(cap.node) });
    }
  },
};
