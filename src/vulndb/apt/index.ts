export {
  type ChangelogEntry,
  extractVulnIds,
  highestUrgency,
  parseChangelog,
  pendingEntries,
  urgencySeverity,
} from './changelog.js';
export { changelogFromDeb, type DebChangelog, debChangelog, sourceChangelog } from './changelog-fetch.js';
export { type DebEntry, parseAr, readDebEntries } from './deb-archive.js';
export { type IndexPackage, openPackagesIndex, parsePackagesIndex } from './packages-index.js';
export {
  findPendingUpdates,
  type InstalledDeb,
  namespaceOf,
  type PendingOptions,
  type PendingUpdates,
  type SuiteStatus,
  toAdvisories,
  type UpgradableDeb,
} from './pending.js';
export { fetchRelease, parseRelease, type ReleaseFile, unwrapClearsigned } from './release.js';
export {
  type AptSource,
  type AptSourcesResult,
  applyOverrides,
  aptSourcesForImage,
  baseCodename,
  isAptSourcesPath,
  parseDeb822Sources,
  parseOneLineSources,
  readAptSources,
  suitesToCheck,
} from './sources.js';
