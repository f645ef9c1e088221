import type { PackageType } from '../catalog/package.js';
import type { Ecosystem } from '../vulndb/types.js';
import type { Matcher } from './matcher.js';

const ECOSYSTEM: Partial<Record<PackageType, Ecosystem & ('pypi' | 'npm')>> = { python: 'pypi', npm: 'npm' };

/** PEP 503: runs of `-`, `_`, `.` are one `-`, case folded. `Flask`, `zope.interface`, `typing_extensions`. */
export function pep503Name(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Language packages: one namespace per ecosystem, whatever the distro, keyed by the registry's name. */
export const languagePackageMatcher: Matcher = {
  id: 'language-package',
  query(pkg) {
    const ecosystem = ECOSYSTEM[pkg.type];
    if (!ecosystem) return undefined;
    // npm names are already canonical (lowercase; scopes kept), PyPI names are not.
    const key = ecosystem === 'pypi' ? pep503Name(pkg.name) : pkg.name;
    return { namespace: ecosystem, key, version: pkg.version, ecosystem };
  },
};
