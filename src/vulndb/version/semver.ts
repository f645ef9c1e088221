import semver from 'semver';
import { DrydockError } from '../../core/errors.js';
import type { VersionComparer } from '../types.js';

/** npm versions and ranges, exactly as npm itself orders and matches them (node-semver). */

/** node-semver's third argument: `true` means `{ loose: true }`. */
export type SemverOptions = boolean | semver.RangeOptions;

export function compareSemver(a: string, b: string, options?: SemverOptions): number {
  for (const v of [a, b]) {
    if (semver.valid(v, options) === null) throw new DrydockError('parse', `invalid semver version '${v}'`);
  }
  return semver.compare(a, b, options);
}

/**
 * npm's range check. Pre-releases only match a range that names a pre-release of the same
 * major.minor.patch, as in npm, unless `includePrerelease` is set; the matcher sets it for advisories,
 * where an installed pre-release must not slip through a `<1.2.3` range.
 */
export function satisfiesSemver(version: string, range: string, options?: SemverOptions): boolean {
  return semver.satisfies(version, range, options);
}

export const semverComparer: VersionComparer = {
  ecosystem: 'npm',
  compare: (a, b) => compareSemver(a, b),
  valid: (v) => semver.valid(v) !== null,
};
