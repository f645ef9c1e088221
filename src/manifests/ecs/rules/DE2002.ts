import { isAllCapabilities } from '../../compose/rules/DC2004.js';
import type { ManifestRule } from '../../rule.js';
import { asMap, spanOf } from '../../yaml-nodes.js';
import { setAtPath } from '../fixes.js';
import { type EcsContainer, ecsPair, ecsValue, stringItems } from '../subjects.js';

export const DE2002: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE2002',
    kind: 'ecs',
    title: 'Capabilities not dropped (linuxParameters.capabilities.drop ALL)',
    severity: 'medium',
    why: "The container keeps the runtime's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW…), which a compromised process can use to change ownership, switch users or forge packets.",
    fix: 'Add `"linuxParameters": {"capabilities": {"drop": ["ALL"]}}` and add back only what is needed (the guide: NET_BIND_SERVICE).',
    aliases: [],
    fixable: true,
    example: {
      bad: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "app:1.0" }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1.0",\n      "linuxParameters": {\n        "capabilities": { "drop": ["ALL"], "add": ["NET_BIND_SERVICE"] }\n      }\n    }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    const linux = asMap(ecsValue(subject, subject.map, 'linuxParameters'));
    const capabilities = asMap(ecsValue(subject, linux, 'capabilities'));
    if (stringItems(ecsValue(subject, capabilities, 'drop')).some((c) => isAllCapabilities(c.value))) return;
    const dropPair = ecsPair(subject, capabilities, 'drop');
    report({
      message: dropPair
        ? `container "${subject.name}" drops some capabilities but not ALL`
        : `container "${subject.name}" keeps the default capabilities (no capabilities.drop ALL)`,
      span: dropPair ? spanOf(dropPair) : subject.anchor,
      fix: {
        description: 'drop ALL capabilities',
        edits: [setAtPath(subject, subject.map, ['linuxParameters', 'capabilities', 'drop'], ['ALL'])],
      },
    });
  },
};
