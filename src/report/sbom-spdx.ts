import { createHash } from 'node:crypto';
import { isSpdxExpression } from '../core/spdx-license.js';
import type { SbomReporter } from './sbom-formats.js';
import { sbomTimestamp } from './sbom-formats.js';

/** SPDX 2.3 JSON: one package for the image, one per catalogued package, CONTAINS relationships. */
export const sbomSpdxReporter: SbomReporter = {
  id: 'spdx',
  render(sbom, tool) {
    const created = sbomTimestamp();
    const imageId = 'SPDXRef-Image';
    const digest = sbom.source.indexDigest ?? sbom.source.manifestDigest;
    // The namespace must be unique per document; derive it from the content so reruns are reproducible.
    const hash = createHash('sha256')
      .update(`${sbom.target}\n${digest ?? ''}\n${sbom.packages.map((p) => p.purl).join('\n')}`)
      .digest('hex')
      .slice(0, 32);
    const packages = sbom.packages.map((p, i) => ({
      name: p.name,
      SPDXID: `SPDXRef-Package-${p.type}-${i + 1}`,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: declared(p.metadata.licenses),
      copyrightText: 'NOASSERTION',
      sourceInfo: `found by drydock ${p.foundBy} in ${p.locations.map((l) => l.path).join(', ')}`,
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
      ...(p.metadata.sourceName && p.metadata.sourceName !== p.name
        ? { comment: `source package ${p.metadata.sourceName}` }
        : {}),
    }));
    const doc = {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: sbom.target,
      documentNamespace: `https://spdx.drydock.dev/sbom/${hash}`,
      creationInfo: { created, creators: [`Tool: ${tool.name}-${tool.version}`] },
      packages: [
        {
          name: sbom.target,
          SPDXID: imageId,
          ...(digest ? { versionInfo: digest } : {}),
          downloadLocation: 'NOASSERTION',
          filesAnalyzed: false,
          licenseConcluded: 'NOASSERTION',
          licenseDeclared: 'NOASSERTION',
          copyrightText: 'NOASSERTION',
          primaryPackagePurpose: 'CONTAINER',
        },
        ...packages,
      ],
      relationships: [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
        ...packages.map((p) => ({
          spdxElementId: imageId,
          relationshipType: 'CONTAINS',
          relatedSpdxElement: p.SPDXID,
        })),
      ],
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  },
};

/** SPDX wants an SPDX expression or NOASSERTION; free-text names go to NOASSERTION. */
function declared(licenses: readonly string[] | undefined): string {
  const valid = (licenses ?? []).filter(isSpdxExpression);
  if (valid.length === 0) return 'NOASSERTION';
  return valid.length === 1
    ? (valid[0] ?? 'NOASSERTION')
    : valid.map((l) => (/\s/.test(l) ? `(${l})` : l)).join(' AND ');
}
