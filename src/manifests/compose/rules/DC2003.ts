import type { ManifestRule } from '../../rule.js';
import { booleanOf, spanOf } from '../../yaml-nodes.js';
import { addToList } from '../fixes.js';
import { serviceVolumes, tmpfsPaths } from '../service-fields.js';
import { type ComposeService, serviceField, serviceImage } from '../subjects.js';
import { coveredBy, writablePathsFor } from '../writable-paths.js';

/** Read-only root needs somewhere to write: /tmp, and the run/cache paths of the images drydock knows. */
export const DC2003: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC2003',
    kind: 'compose',
    title: "Read-only service has no writable path for /tmp (or the image's run/cache paths)",
    severity: 'low',
    why: 'A read-only root filesystem makes writes to /tmp (and, for nginx or the databases, their pid/socket/cache directories) fail at runtime, which tempts people to turn read_only back off.',
    fix: 'Add a `tmpfs:` entry (or a volume) for each path the app writes.',
    aliases: [],
    fixable: true,
    peerNotes:
      'Image VOLUMEs stay writable under read_only (the runtime mounts a volume there), so only paths outside them are required: /tmp for every image, plus /var/cache/nginx and /var/run for nginx, /var/run/postgresql for postgres, /var/run/mysqld (mysql) and /run/mysqld (mariadb).',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true',
      good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /var/run',
    },
  },
  check({ subject, report }) {
    const readOnly = serviceField(subject, 'read_only');
    if (!readOnly || booleanOf(readOnly.value) !== true) return;
    const mounts = [
      ...tmpfsPaths(subject),
      ...serviceVolumes(subject).flatMap((v) => (v.target && !v.readOnly ? [v.target] : [])),
    ];
    const missing = writablePathsFor(serviceImage(subject)).filter((p) => !coveredBy(p, mounts));
    if (missing.length === 0) return;
    report({
      message: `service "${subject.name}" is read-only but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not writable: add a tmpfs`,
      span: spanOf(readOnly),
      fix: { description: `add tmpfs ${missing.join(', ')}`, edits: [addToList(subject, 'tmpfs', missing)] },
    });
  },
};
