import { sbomCycloneDxReporter } from './sbom-cyclonedx.js';
import type { SbomFormat, SbomReporter } from './sbom-formats.js';
import { sbomJsonReporter } from './sbom-json.js';
import { sbomSpdxReporter } from './sbom-spdx.js';
import { sbomTableReporter } from './sbom-table.js';

/** Every SBOM output format, by id. */
export const SBOM_REPORTERS: Readonly<Record<SbomFormat, SbomReporter>> = {
  cyclonedx: sbomCycloneDxReporter,
  json: sbomJsonReporter,
  spdx: sbomSpdxReporter,
  table: sbomTableReporter,
};
