import type { ManifestRule } from '../../rule.js';
import { booleanOf, spanOf } from '../../yaml-nodes.js';
import { setScalar } from '../fixes.js';
import { type ComposeService, serviceField } from '../subjects.js';

export const DC2002: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC2002',
    kind: 'compose',
    title: 'Root filesystem is writable',
    severity: 'medium',
    why: 'With a writable root filesystem an intruder can replace binaries, drop tools and persist for the life of the container (CIS Docker Benchmark 5.12).',
    fix: 'Set `read_only: true` and give the paths the app writes a `tmpfs:` entry or a volume (harden adds /tmp and the paths it knows the image writes).',
    aliases: [],
    fixable: true,
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27',
      good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /var/run',
    },
  },
  check({ subject, report }) {
    const pair = serviceField(subject, 'read_only');
    if (pair && booleanOf(pair.value) === true) return;
    report({
      message: pair
        ? `service "${subject.name}" sets read_only: false: its root filesystem is writable`
        : `service "${subject.name}" has a writable root filesystem (no read_only: true)`,
      span: pair ? spanOf(pair) : subject.keySpan,
      fix: { description: 'set read_only: true', edits: [setScalar(subject, 'read_only', true)] },
    });
  },
};
