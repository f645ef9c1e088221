import { displayImage, fromReferences, registryTrusted } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** Images from registries the team has not vetted bypass its supply-chain controls. */
export const DD1005: Rule = {
  meta: {
    id: 'DD1005',
    title: 'Base image from an untrusted registry',
    severity: 'medium',
    category: 'base-image',
    why: 'An image from a registry outside trustedRegistries escapes the mirroring, scanning and signing the team relies on.',
    fix: 'Pull the image through a trusted registry (or add the registry to trustedRegistries in .drydock.yaml).',
    aliases: ['DL3026'],
    example: {
      bad: '# .drydock.yaml: trustedRegistries: [registry.acme.example]\nFROM quay.io/someone/python:3.11',
      good: '# .drydock.yaml: trustedRegistries: [registry.acme.example]\nFROM registry.acme.example/python:3.11-slim',
    },
  },
  check({ file, config, report }) {
    const trusted = config.trustedRegistries;
    if (trusted.length === 0) return;
    const list = trusted.join(', ');
    for (const stage of file.stages) {
      if (!stage.ref || registryTrusted(stage.ref.registry, trusted)) continue;
      report({
        message: `FROM ${displayImage(stage.ref)} comes from ${stage.ref.registry}, which is not a trusted registry (${list})`,
        span: stage.imageSpan,
      });
    }
    for (const from of fromReferences(file)) {
      if (from.target.kind !== 'image' || registryTrusted(from.target.ref.registry, trusted)) continue;
      const what = from.via === 'copy' ? `${from.instr.keyword} --from` : 'RUN --mount from';
      report({
        message: `${what}=${displayImage(from.target.ref)} comes from ${from.target.ref.registry}, which is not a trusted registry (${list})`,
        span: from.span,
      });
    }
  },
};
