import type { Package, PackageType } from '../catalog/package.js';
import type { Ecosystem } from '../vulndb/types.js';
import type { Matcher } from './matcher.js';
import { osNamespace } from './namespace.js';

const ECOSYSTEM: Partial<Record<PackageType, Ecosystem>> = { deb: 'deb', apk: 'apk', rpm: 'rpm' };

/**
 * Distro packages: trackers file advisories per source package and release, and the fixed version they
 * name is the source version (one source builds many binaries, sometimes with other versions).
 */
export const osPackageMatcher: Matcher = {
  id: 'os-package',
  query(pkg, distro) {
    const ecosystem = ECOSYSTEM[pkg.type];
    const namespace = osNamespace(distro);
    if (!ecosystem || !namespace) return undefined;
    return { namespace, key: pkg.metadata.sourceName ?? pkg.name, version: sourceVersion(pkg), ecosystem };
  },
};

/** rpm keeps the epoch out of `version`; advisories write `epoch:version-release` when it is set. */
function sourceVersion(pkg: Package): string {
  const version = pkg.metadata.sourceVersion ?? pkg.version;
  const epoch = pkg.metadata.epoch;
  return pkg.type === 'rpm' && epoch !== undefined && epoch > 0 && !version.includes(':')
    ? `${epoch}:${version}`
    : version;
}
