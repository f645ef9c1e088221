import semver from 'semver';
import type { VersionComparer } from '../types.js';

/**
 * Go module versions, ordered like golang.org/x/mod/semver: `v1.2.3`, pre-releases, pseudo-versions
 * (`v0.0.0-20191109021931-daa7c04131f5`, ordinary pre-releases to semver) and `+incompatible` (build
 * metadata, ignored). The `v` is optional because OSV's Go ranges omit it while go.mod keeps it.
 * Shorthands `v1` and `v1.2` mean `v1.0.0` and `v1.2.0`, but only without pre-release or build.
 * As in Go, an invalid version never throws: it is below every valid one and equal to other invalid ones.
 */

/** The strict semver form without `v`, or undefined when Go would not accept the version. */
export function canonicalGoVersion(version: string): string | undefined {
  const bare = version.startsWith('v') ? version.slice(1) : version;
  // Shorthands: digits only, no leading zeros, no suffix.
  const short = /^(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/.exec(bare);
  if (short !== null) return `${short[1]}.${short[2] ?? '0'}.0`;
  // node-semver's parser also trims blanks and takes a second `v` or `=`, which Go does not: check the
  // character classes first, then let node-semver apply the semver 2.0 rules (no leading zeros, ...).
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(bare)) return undefined;
  const parsed = semver.parse(bare);
  return parsed === null ? undefined : parsed.version;
}

export function compareGoVersions(a: string, b: string): number {
  const ca = canonicalGoVersion(a);
  const cb = canonicalGoVersion(b);
  if (ca === undefined || cb === undefined) return ca === cb ? 0 : ca === undefined ? -1 : 1;
  return semver.compare(ca, cb);
}

export const goComparer: VersionComparer = {
  ecosystem: 'go',
  compare: compareGoVersions,
  valid: (v) => canonicalGoVersion(v) !== undefined,
};
