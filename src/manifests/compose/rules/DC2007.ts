import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { type ComposeService, serviceValue, stringList } from '../subjects.js';

/** `seccomp:unconfined`, `apparmor=unconfined`, `label:disable`, `systempaths=unconfined`. */
const UNCONFINED = /^(seccomp|apparmor|systempaths)\s*[:=]\s*unconfined$|^label\s*[:=]\s*disable$/i;

export const DC2007: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC2007',
    kind: 'compose',
    title: 'Seccomp, AppArmor or SELinux confinement disabled',
    severity: 'high',
    why: 'The default seccomp and AppArmor/SELinux profiles block the system calls and paths most container escapes use; `unconfined` turns that off (CIS Docker Benchmark 5.21).',
    fix: 'Remove the `unconfined`/`label:disable` option, or write a custom profile that allows only the extra calls the service needs.',
    aliases: ['404fde2c-bc4b-4371-9747-7054132ac953'],
    example: {
      bad: 'services:\n  web:\n    image: app:1.0\n    security_opt:\n      - seccomp:unconfined',
      good: 'services:\n  web:\n    image: app:1.0\n    security_opt:\n      - "no-new-privileges:true"',
    },
  },
  check({ subject, report }) {
    for (const option of stringList(serviceValue(subject, 'security_opt'))) {
      if (!UNCONFINED.test(option.value.trim())) continue;
      report({
        message: `service "${subject.name}" disables confinement (${option.value.trim()})`,
        span: spanOf(option.node),
      });
    }
  },
};
