import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { type ComposeService, serviceValue, stringList } from '../subjects.js';

/** The one capability the guide adds back: binding ports below 1024 as non-root. */
export const ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set(['NET_BIND_SERVICE']);

/** Capabilities that amount to root on the host or its network. */
const HOST_LEVEL = new Set([
  'ALL',
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'DAC_READ_SEARCH',
  'NET_ADMIN',
  'BPF',
  'PERFMON',
]);

export function capabilityName(raw: string): string {
  return raw.trim().toUpperCase().replace(/^CAP_/, '');
}

export const DC2005: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC2005',
    kind: 'compose',
    title: 'Capability added beyond NET_BIND_SERVICE',
    severity: 'medium',
    why: 'Every added capability widens what a compromised process can do; SYS_ADMIN, NET_ADMIN, SYS_PTRACE or ALL are close to running privileged.',
    fix: 'Remove the capability from `cap_add`, or keep it with a `# drydock-ignore=DC2005 reason` comment when the service cannot work without it.',
    aliases: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'],
    example: {
      bad: 'services:\n  vpn:\n    image: wg:1.0\n    cap_add:\n      - SYS_ADMIN',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]',
    },
  },
  check({ subject, report }) {
    for (const cap of stringList(serviceValue(subject, 'cap_add'))) {
      const name = capabilityName(cap.value);
      if (ALLOWED_CAPABILITIES.has(name)) continue;
      report({
        message: `service "${subject.name}" adds capability ${name}${HOST_LEVEL.has(name) ? ', which is close to root on the host' : ''}`,
        span: spanOf(cap.node),
      });
    }
  },
};
