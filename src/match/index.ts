export { type Affection, affects } from './affected.js';
export type {
  FindingAdvisory,
  FindingPackage,
  FindingSeverity,
  FindingStatus,
  MatcherId,
  VulnerabilityFinding,
} from './finding.js';
export { languagePackageMatcher, pep503Name } from './language-package.js';
export { MATCHERS, type MatchOptions, matchPackages } from './match-packages.js';
export type { AdvisoryLookup, Matcher, MatchQuery } from './matcher.js';
export { osNamespace } from './namespace.js';
export { osPackageMatcher } from './os-package.js';
export {
  buildScanReport,
  type ScanDbInfo,
  type ScanReport,
  type ScanReportInput,
  type UpgradeAdvice,
} from './scan-report.js';
export { decideSeverity, type SeverityDecision } from './severity.js';
