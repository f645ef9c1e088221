import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { serviceVolumes } from '../service-fields.js';
import type { ComposeService } from '../subjects.js';

/** Host directories that expose the host itself: its configuration, kernel interfaces, devices or runtime state. */
const SENSITIVE_EXACT = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/root',
  '/sbin',
  '/sys',
  '/usr',
  '/var',
  '/var/lib',
]);
const SENSITIVE_TREE =
  /^\/(boot|dev|proc|root|sys|var\/lib\/(docker|containerd|kubelet)|etc\/(shadow|gshadow|sudoers(\.d)?|ssh|kubernetes|docker|cron[^/]*|pam\.d|passwd|group))(\/|$)/;

export const DC1003: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC1003',
    kind: 'compose',
    title: 'Sensitive host directory mounted',
    severity: 'medium',
    why: 'A bind mount of /, /etc, /proc, /sys, /dev, /root or the runtime state directories lets the container read host secrets or change the host (CIS Docker Benchmark 5.5).',
    fix: 'Mount only the application directory the service needs, read-only (`:ro`) when it only reads it, or use a named volume.',
    aliases: ['1c1325ff-831d-43a1-973e-839ae57dfcc0'],
    peerNotes:
      "Application directories below /etc (e.g. /etc/pihole) are not flagged: they hold that app's own files. The runtime sockets are DC1002.",
    example: {
      bad: 'services:\n  agent:\n    image: agent:2.1\n    volumes:\n      - /etc:/host/etc',
      good: 'services:\n  agent:\n    image: agent:2.1\n    volumes:\n      - ./agent.conf:/etc/agent.conf:ro',
    },
  },
  check({ subject, report }) {
    for (const volume of serviceVolumes(subject)) {
      const source = volume.source?.replace(/\/+$/, '') || (volume.source ? '/' : undefined);
      if (volume.type !== 'bind' || !source) continue;
      if (/^\/{1,2}(var\/)?run(\/|$)/.test(source)) continue;
      if (!SENSITIVE_EXACT.has(source) && !SENSITIVE_TREE.test(source)) continue;
      report({
        message: `service "${subject.name}" mounts the host's ${source}${volume.readOnly ? ' (read-only)' : ' read-write'}`,
        span: spanOf(volume.node),
      });
    }
  },
};
