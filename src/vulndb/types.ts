import type { Severity } from '../core/severity.js';

/**
 * The vulnerability stage's contract: importers write Advisory rows into the local database,
 * matchers read them for a package and decide with the ecosystem's version order.
 */

/** Version orders. OS ecosystems compare like their package manager; language ones like their tools. */
export const ECOSYSTEMS = ['deb', 'apk', 'rpm', 'pypi', 'npm', 'go'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export interface VersionComparer {
  readonly ecosystem: Ecosystem;
  /** Negative, zero or positive, like Array.sort's comparator. Throws only for unparseable input when `valid` is false. */
  compare(a: string, b: string): number;
  valid(version: string): boolean;
}

/**
 * Where an advisory applies: `debian:12`, `ubuntu:22.04`, `alpine:3.19`, `rhel:9` for OS packages
 * (keyed by source package), `pypi`, `npm`, `go` for language packages (keyed by normalised name).
 */
export type Namespace = string;

/** OSV-style range events, in the namespace's version order. */
export interface RangeEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export type FixStatus =
  /** A fixed version exists in this namespace. */
  | 'fixed'
  /** Affected, no fix yet (Debian "open"/unfixed, `<postponed>`). */
  | 'unfixed'
  /** Affected, and the distro will not fix it (Debian `<no-dsa>` minor issue, `<ignored>`, `<end-of-life>`). */
  | 'wont-fix'
  /** The distro says this release is not affected (`<not-affected>`). */
  | 'not-affected';

export interface CvssScore {
  readonly version: '2.0' | '3.0' | '3.1' | '4.0';
  readonly vector: string;
  readonly score: number;
}

export interface Advisory {
  /** CVE-…, GHSA-…, PYSEC-…, DSA-…, ALPINE-… */
  readonly id: string;
  readonly aliases: readonly string[];
  /** Which feed it came from: `osv:PyPI`, `debian-tracker`, `vuln-list-debian`, `alpine-secdb`, `apt-changelog`. */
  readonly source: string;
  readonly namespace: Namespace;
  /** Source package for OS namespaces, normalised name for language ones. */
  readonly package: string;
  readonly status: FixStatus;
  /** Why, when the tracker says (`<no-dsa>: minor issue`, `end-of-life`). */
  readonly statusReason?: string;
  /** Ranges (OSV) — a version is affected when inside any range… */
  readonly ranges: readonly (readonly RangeEvent[])[];
  /** …or equal to one of these explicitly listed versions (OSV `versions`). */
  readonly versions: readonly string[];
  /** Smallest fixed version in this namespace, when known (for "upgrade to" advice). */
  readonly fixedVersion?: string;
  /** The distro's or feed's own rating (Debian urgency mapped, Alpine, GHSA/PyPA database_specific). */
  readonly severity?: Severity;
  /** Who decided `severity`: `debian-urgency`, `ghsa`, `cvss-v3.1`, … */
  readonly severitySource?: string;
  readonly cvss: readonly CvssScore[];
  readonly title?: string;
  readonly published?: string;
  readonly modified?: string;
  readonly withdrawn?: string;
}
