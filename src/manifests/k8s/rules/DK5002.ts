import { parseImageRef } from '../../../core/image-ref.js';
import { spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import type { KubernetesRule } from '../rule-kit.js';
import { describeContainer } from '../subjects.js';

/** A tag can be moved to different bytes; only a digest names exactly what runs. */
export const DK5002: KubernetesRule = {
  meta: {
    id: 'DK5002',
    kind: 'kubernetes',
    title: 'Image not pinned by digest',
    severity: 'low',
    why: 'Tags are mutable: whoever can push to the repository (or a compromised registry) can change what a tag points at, and every node may pull something different.',
    fix: 'Append the digest the tag points at: `image: python:3.12-slim@sha256:…` (`drydock pin` writes it).',
    aliases: ['CKV_K8S_43'],
    example: {
      bad: 'containers:\n- name: app\n  image: python:3.12-slim',
      good: 'containers:\n- name: app\n  image: python:3.12-slim@sha256:2d2a5f8e1f1b9c2d6e6f3a0b4c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    },
  },
  check({ subject: w, report }) {
    for (const c of w.containers) {
      const node = valueAt(c.node, 'image');
      const image = stringOf(node);
      if (!node || image === undefined) continue;
      const parsed = parseImageRef(image.trim());
      if (!parsed.ok || parsed.ref.digest) continue;
      report({
        message: `${describeContainer(c)} uses ${image} without a digest: pin it (image@sha256:…)`,
        span: spanOf(node),
      });
    }
  },
};
