import { parseImageRef } from '../../../core/image-ref.js';
import { spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import type { KubernetesRule } from '../rule-kit.js';
import { describeContainer } from '../subjects.js';

/** `:latest` (or no tag) means a different image on every pull, and no way to roll back. */
export const DK5001: KubernetesRule = {
  meta: {
    id: 'DK5001',
    kind: 'kubernetes',
    title: 'Image without a version tag (or :latest)',
    severity: 'medium',
    why: 'An untagged or :latest image changes under the workload at every pull: nodes run different code, vulnerabilities appear silently and a rollback has nothing to go back to.',
    fix: 'Name a version tag and pin its digest: `image: python:3.12-slim@sha256:…`.',
    aliases: ['KSV013', 'AVD-KSV-0013', 'CKV_K8S_14', 'container-image-tag', 'tagNotSpecified'],
    peerNotes: 'An image pinned by digest is not reported even when its tag is latest: the digest decides what runs.',
    example: {
      bad: 'containers:\n- name: app\n  image: nginx:latest',
      good: 'containers:\n- name: app\n  image: nginx:1.27.3',
    },
  },
  check({ subject: w, report }) {
    for (const c of w.containers) {
      const node = valueAt(c.node, 'image');
      const image = stringOf(node);
      if (!node || image === undefined) continue;
      const parsed = parseImageRef(image.trim());
      // Placeholders ($(IMAGE), ${TAG}, {{ }}) are filled in by a tool before deploy.
      if (!parsed.ok) continue;
      const { tag, digest } = parsed.ref;
      if (digest) continue;
      if (tag === undefined || tag === 'latest') {
        report({
          message: `${describeContainer(c)} uses ${image}${tag ? '' : ' (no tag, so :latest)'}: name a version and pin its digest`,
          span: spanOf(node),
        });
      }
    }
  },
};
