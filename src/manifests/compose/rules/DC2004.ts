import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { addToList } from '../fixes.js';
import { type ComposeService, serviceField, serviceValue, stringList } from '../subjects.js';

/** `ALL` or `CAP_ALL`, any case. */
export function isAllCapabilities(name: string): boolean {
  return /^(cap_)?all$/i.test(name.trim());
}

export const DC2004: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC2004',
    kind: 'compose',
    title: 'Capabilities not dropped (cap_drop: [ALL])',
    severity: 'medium',
    why: 'Docker keeps 14 capabilities by default (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW…); a compromised process can use them to change file ownership, switch users or forge packets (CIS Docker Benchmark 5.3).',
    fix: 'Add `cap_drop: [ALL]` and `cap_add` back only what the service needs (the guide: NET_BIND_SERVICE for ports below 1024).',
    aliases: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'],
    fixable: true,
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - NET_RAW',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE',
    },
  },
  check({ subject, report }) {
    const pair = serviceField(subject, 'cap_drop');
    if (stringList(serviceValue(subject, 'cap_drop')).some((c) => isAllCapabilities(c.value))) return;
    report({
      message: pair
        ? `service "${subject.name}" drops some capabilities but not ALL`
        : `service "${subject.name}" keeps Docker's default capabilities (no cap_drop: [ALL])`,
      span: pair ? spanOf(pair) : subject.keySpan,
      fix: { description: 'drop ALL capabilities', edits: [addToList(subject, 'cap_drop', ['ALL'])] },
    });
  },
};
