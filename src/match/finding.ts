import type { PackageType } from '../catalog/package.js';
import type { Severity } from '../core/severity.js';
import type { CvssScore, FixStatus, Namespace } from '../vulndb/types.js';

/** A feed may rate nothing and carry no CVSS vector: such a finding is `unknown`, never guessed. */
export type FindingSeverity = Severity | 'unknown';

/** Statuses a finding can have: `not-affected` advisories never become findings. */
export type FindingStatus = Exclude<FixStatus, 'not-affected'>;

export type MatcherId = 'os-package' | 'language-package';

/** The installed package a finding is about, flattened so reports need not know the catalog types. */
export interface FindingPackage {
  readonly name: string;
  readonly version: string;
  readonly type: PackageType;
  readonly purl: string;
  /** Source package the advisory is filed under (OS packages), when it differs from `name` or is known. */
  readonly sourceName?: string;
  readonly sourceVersion?: string;
  /** The file the package was catalogued from (image path, no leading slash). */
  readonly path?: string;
}

/** One advisory record that contributed to a finding. */
export interface FindingAdvisory {
  readonly id: string;
  /** Feed (`osv:PyPI`, `debian-tracker`, …). */
  readonly source: string;
  readonly status: FixStatus;
  readonly fixedVersion?: string;
}

/** One vulnerability in one installed package: several advisories for the same CVE collapse here. */
export interface VulnerabilityFinding {
  /** The CVE when any advisory names one, else the advisory id. */
  readonly id: string;
  /** Every other id the merged advisories carry, sorted. */
  readonly aliases: readonly string[];
  readonly package: FindingPackage;
  readonly installedVersion: string;
  /** The version compared against the advisory (the source version for OS packages). */
  readonly matchedVersion: string;
  readonly namespace: Namespace;
  readonly matcher: MatcherId;
  readonly status: FindingStatus;
  /** The smallest version that leaves every matching range, when the status is `fixed`. */
  readonly fixedVersion?: string;
  /** The tracker's words for `wont-fix`/`unfixed` (`<no-dsa>: minor issue`). */
  readonly statusReason?: string;
  readonly severity: FindingSeverity;
  /** Highest CVSS base score among the merged advisories. */
  readonly score?: number;
  readonly cvss?: CvssScore;
  /** Who decided `severity`: `debian-urgency`, `ghsa`, `cvss-v3.1`, `none`. */
  readonly severitySource: string;
  readonly title?: string;
  /** Digest of the layer that installed the package, when known. */
  readonly layer?: string;
  /** The build step that created that layer (image history `created_by`: the Dockerfile instruction). */
  readonly layerCreatedBy?: string;
  readonly advisories: readonly FindingAdvisory[];
}
