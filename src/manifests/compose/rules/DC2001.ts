import { parseImageRef } from '../../../core/image-ref.js';
import { runsAsNonRoot } from '../../../dockerfile/user-helpers.js';
import type { ManifestRule } from '../../rule.js';
import { spanOf, stringOf } from '../../yaml-nodes.js';
import { setScalar } from '../fixes.js';
import { type ComposeService, serviceField, serviceImage, serviceValue } from '../subjects.js';

/** `root`, `0`, `root:…`, `0:…`: uid 0 whatever the group. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0] ?? '';
  return name === 'root' || /^0+$/.test(name);
}

export const DC2001: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC2001',
    kind: 'compose',
    title: 'Service runs as root',
    severity: 'medium',
    why: "Without `user:` the container runs as the image's USER, which is root for most images; root in the container is root on every file the container can reach and one kernel bug away from root on the host.",
    fix: 'Set `user: "1000"` (or the image\'s unprivileged user) and make the files the app writes owned by that user.',
    aliases: [],
    fixable: true,
    peerNotes:
      "Images that already run as a non-root user (distroless `nonroot`, Chainguard, Bitnami, `*-unprivileged`) pass without `user:`. A service built from a Dockerfile is judged the same way: drydock lint checks that Dockerfile's USER (DD2002); `user:` here makes it explicit.",
    example: {
      bad: 'services:\n  web:\n    image: python:3.12-slim\n    user: root',
      good: 'services:\n  web:\n    image: python:3.12-slim\n    user: "1000"',
    },
  },
  check({ subject, report }) {
    const pair = serviceField(subject, 'user');
    const user = stringOf(serviceValue(subject, 'user'));
    const fix = {
      description: `run as user ${subject.fixUser}`,
      edits: [setScalar(subject, 'user', subject.fixUser)],
    };
    if (pair && user !== undefined) {
      if (isRootUser(user)) {
        report({ message: `service "${subject.name}" runs as root (user: ${user})`, span: spanOf(pair), fix });
      }
      return;
    }
    const image = serviceImage(subject);
    const parsed = image ? parseImageRef(image) : undefined;
    if (parsed?.ok && runsAsNonRoot(parsed.ref)) return;
    report({
      message: `service "${subject.name}" sets no user: it runs as the image's USER, root unless the image sets one`,
      span: subject.keySpan,
      fix,
    });
  },
};
