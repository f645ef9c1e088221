import { scanCycloneDxReporter } from './scan-cyclonedx.js';
import type { ScanFormat, ScanReporter } from './scan-formats.js';
import { scanJsonReporter } from './scan-json.js';
import { scanJunitReporter } from './scan-junit.js';
import { scanMarkdownReporter } from './scan-markdown.js';
import { scanSarifReporter } from './scan-sarif.js';
import { scanTableReporter } from './scan-table.js';

/** Every `drydock scan --format`, by id. */
export const SCAN_REPORTERS: Readonly<Record<ScanFormat, ScanReporter>> = {
  cyclonedx: scanCycloneDxReporter,
  json: scanJsonReporter,
  junit: scanJunitReporter,
  markdown: scanMarkdownReporter,
  sarif: scanSarifReporter,
  table: scanTableReporter,
};
