import type { Node } from 'yaml';
import { parseImageRef } from '../../../core/image-ref.js';
import type { ManifestRule } from '../../rule.js';
import { spanOf } from '../../yaml-nodes.js';
import { type ComposeService, serviceField, serviceImage } from '../subjects.js';

/** Tags move; a digest names exactly the bytes that were reviewed and scanned. */
export const DC5001: ManifestRule<ComposeService> = {
  meta: {
    id: 'DC5001',
    kind: 'compose',
    title: 'Image not pinned by digest',
    severity: 'medium',
    why: 'A tag (worse: `latest` or none) can point at different bytes tomorrow, so what runs is not what was scanned, and a compromised registry account can ship into the deployment.',
    fix: 'Pin the image: `image: postgres:16@sha256:…` (`drydock pin` writes the digests).',
    aliases: [],
    peerNotes:
      "A service with `build:` is built from its Dockerfile, so its `image:` names the result, not a pull: it passes, and drydock lint checks the Dockerfile's FROM pins (DD1003).",
    example: {
      bad: 'services:\n  db:\n    image: postgres:16',
      good: 'services:\n  db:\n    image: postgres:16@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5',
    },
  },
  check({ subject, report }) {
    if (serviceField(subject, 'build')) return;
    const image = serviceImage(subject);
    const pair = serviceField(subject, 'image');
    if (!image || !pair) return;
    // Fully interpolated references are resolved at deploy time: nothing to judge here.
    if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?$/.test(image.trim())) return;
    const parsed = parseImageRef(image.replace(/\$\{[^}]*\}/g, 'x'));
    if (parsed.ok && parsed.ref.digest) return;
    const tag = parsed.ok ? parsed.ref.tag : undefined;
    report({
      message: `service "${subject.name}" pulls ${image} by ${tag && tag !== 'latest' ? `tag ${tag}` : tag ? 'the moving tag latest' : 'no tag (latest)'}, not by digest`,
      span: spanOf((pair.value as Node | null) ?? pair),
    });
  },
};
