import type { Sbom } from '../catalog/index.js';

export const SBOM_FORMATS = ['table', 'json', 'cyclonedx', 'spdx'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];

/** Creation time for SBOM documents: `SOURCE_DATE_EPOCH` when set (reproducible output), else now. */
export function sbomTimestamp(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const ms = epoch && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface SbomReporter {
  readonly id: SbomFormat;
  render(sbom: Sbom, tool: { name: string; version: string }): string;
}
