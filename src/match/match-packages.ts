import type { Distro, Package } from '../catalog/package.js';
import type { Advisory, Ecosystem, VersionComparer } from '../vulndb/types.js';
import { comparerFor } from '../vulndb/version/index.js';
import { affects } from './affected.js';
import type { FindingPackage, VulnerabilityFinding } from './finding.js';
import { languagePackageMatcher } from './language-package.js';
import type { AdvisoryLookup, Matcher, MatchQuery } from './matcher.js';
import { groupByAlias, type Hit, mergedFix } from './merge.js';
import { osPackageMatcher } from './os-package.js';
import { decideSeverity } from './severity.js';

/** Every matcher; the first that answers a package decides its query. */
export const MATCHERS: readonly Matcher[] = [osPackageMatcher, languagePackageMatcher];

export interface MatchOptions {
  readonly matchers?: readonly Matcher[];
  readonly comparerFor?: (ecosystem: Ecosystem) => VersionComparer;
}

/**
 * Every vulnerability in every package, one finding per (package, vulnerability). Lookups are cached
 * per namespace and key: one source package (glibc) builds many binaries (libc6, libc-bin, locales).
 * Findings come out sorted by package then id, so reports are stable.
 */
export function matchPackages(
  packages: readonly Package[],
  distro: Distro | undefined,
  db: AdvisoryLookup,
  options: MatchOptions = {},
): VulnerabilityFinding[] {
  const matchers = options.matchers ?? MATCHERS;
  const comparer = options.comparerFor ?? comparerFor;
  const cache = new Map<string, readonly Advisory[]>();
  const findings: VulnerabilityFinding[] = [];
  for (const pkg of packages) {
    for (const matcher of matchers) {
      const query = matcher.query(pkg, distro);
      if (!query) continue;
      const cacheKey = `${query.namespace}\u0000${query.key}`;
      let advisories = cache.get(cacheKey);
      if (!advisories) {
        advisories = db.advisoriesFor(query.namespace, query.key);
        cache.set(cacheKey, advisories);
      }
      findings.push(...matchOne(pkg, query, matcher, advisories, comparer(query.ecosystem)));
      break;
    }
  }
  return findings.sort(
    (a, b) =>
      a.package.name.localeCompare(b.package.name) ||
      a.package.version.localeCompare(b.package.version) ||
      (a.package.path ?? '').localeCompare(b.package.path ?? '') ||
      a.id.localeCompare(b.id),
  );
}

function matchOne(
  pkg: Package,
  query: MatchQuery,
  matcher: Matcher,
  advisories: readonly Advisory[],
  cmp: VersionComparer,
): VulnerabilityFinding[] {
  const hits: Hit[] = [];
  for (const advisory of advisories) {
    const affection = affects(advisory, query.version, cmp);
    if (affection) hits.push({ advisory, affection });
  }
  const location = pkg.locations[0];
  const findingPackage: FindingPackage = {
    name: pkg.name,
    version: pkg.version,
    type: pkg.type,
    purl: pkg.purl,
    ...(pkg.metadata.sourceName !== undefined ? { sourceName: pkg.metadata.sourceName } : {}),
    ...(pkg.metadata.sourceVersion !== undefined ? { sourceVersion: pkg.metadata.sourceVersion } : {}),
    ...(location ? { path: location.path } : {}),
  };
  return groupByAlias(hits).map(({ id, aliases, hits: group }) => {
    const fix = mergedFix(group, cmp);
    const severity = decideSeverity(group.map((h) => h.advisory));
    const titled = group.find((h) => h.advisory.id === id && h.advisory.title) ?? group.find((h) => h.advisory.title);
    const title = titled?.advisory.title;
    return {
      id,
      aliases,
      package: findingPackage,
      installedVersion: pkg.version,
      matchedVersion: query.version,
      namespace: query.namespace,
      matcher: matcher.id,
      ...fix,
      severity: severity.severity,
      severitySource: severity.source,
      ...(severity.score !== undefined ? { score: severity.score } : {}),
      ...(severity.cvss !== undefined ? { cvss: severity.cvss } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(location?.layer !== undefined ? { layer: location.layer } : {}),
      advisories: group.map((h) => ({
        id: h.advisory.id,
        source: h.advisory.source,
        status: h.advisory.status,
        ...(h.affection.fixedBy !== undefined ? { fixedVersion: h.affection.fixedBy } : {}),
      })),
    };
  });
}
