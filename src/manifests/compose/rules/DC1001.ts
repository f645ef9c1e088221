import type { ManifestRule } from '../../rule.js';
import { booleanOf, spanOf } from '../../yaml-nodes.js';
import { setScalar } from '../fixes.js';
import { type ComposeService, serviceField } from '../subjects.js';

/** `privileged: true` gives the container every capability and every host device. */
export const DC1001: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC1001',
    kind: 'compose',
    title: 'Service runs privileged',
    severity: 'high',
    why: 'A privileged container gets all capabilities, every host device and no seccomp/AppArmor confinement: a process that escapes the app owns the host (CIS Docker Benchmark 5.4).',
    fix: 'Remove `privileged: true` (harden sets it to false) and add only the capability the service needs with `cap_add`.',
    aliases: ['ae5b6871-7f45-42e0-bb4c-ab300c4d2026'],
    fixable: true,
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true',
      good: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false',
    },
  },
  check({ subject, report }) {
    const pair = serviceField(subject, 'privileged');
    if (!pair || booleanOf(pair.value) !== true) return;
    report({
      message: `service "${subject.name}" runs privileged: every capability and host device`,
      span: spanOf(pair),
      fix: { description: 'set privileged: false', edits: [setScalar(subject, 'privileged', false)] },
    });
  },
};
