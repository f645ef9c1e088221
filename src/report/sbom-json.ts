import type { SbomReporter } from './sbom-formats.js';
import { sbomTimestamp } from './sbom-formats.js';

/**
 * drydock's own SBOM JSON (docs/schemas/sbom.v1.json): everything matching needs (source package,
 * epoch, arch, distro, locations with layers), so `drydock scan` can take it as input.
 */
export const sbomJsonReporter: SbomReporter = {
  id: 'json',
  render(sbom, tool) {
    return `${JSON.stringify(
      {
        schemaVersion: 1,
        tool,
        created: sbomTimestamp(),
        target: sbom.target,
        source: sbom.source,
        distro: sbom.distro ?? null,
        packages: sbom.packages,
        warnings: sbom.warnings,
      },
      null,
      2,
    )}\n`;
  },
};
