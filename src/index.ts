/** drydock's library API: everything the CLI does is available here. */

export { type AuditFileKind, type AuditOptions, type AuditReport, auditPaths } from './audit/audit-paths.js';
export type { Cataloger } from './catalog/cataloger.js';
export { CATALOGERS, catalogTarget, catalogView, type Sbom } from './catalog/index.js';
export type { Distro, Package, PackageType } from './catalog/package.js';
export { main } from './cli/main.js';
export { DrydockError } from './core/errors.js';
export type { FileError, Finding, Fix, LintReport, RuleSummary } from './core/finding.js';
export { type ImageRef, parseImageRef } from './core/image-ref.js';
export type { Location, Position, Span } from './core/location.js';
export { SEVERITIES, type Severity } from './core/severity.js';
export { applyEdits, fixUntilStable, type TextEdit } from './core/text-edit.js';
export { unifiedDiff } from './core/unified-diff.js';
// Dependency audit (`drydock deps`).
export {
  type AuditedManifest,
  auditDependencies,
  type DepsAuditOptions,
  type DepsReport,
  type VulnerablePin,
} from './deps/audit.js';
export { type DepsFixPlan, planDependencyFixes, renderFixDiff } from './deps/fix.js';
export { type DepsPolicy, type DepsVerdict, gateDeps } from './deps/gate.js';
export type { Dependency, ManifestFormat, ParsedManifest } from './deps/model.js';
export { DEPS_RULES } from './deps/rules/index.js';
export type { DrydockConfig, ImageFacts, RuleSetting } from './dockerfile/config.js';
export { DEFAULT_CONFIG, findConfig, loadConfig, parseConfig } from './dockerfile/config.js';
export {
  type AppliedFix,
  type FixOptions,
  type FixResult,
  fixDockerfile,
  type NeedsHuman,
} from './dockerfile/fix/fix-dockerfile.js';
export { type FixFileOutcome, type FixPathsOptions, fixPaths } from './dockerfile/fix/fix-paths.js';
export { parseDigestFlags, type ResolveImagesOptions, resolveImageFacts } from './dockerfile/fix/resolve-images.js';
export { type LintPathsOptions, lintPaths } from './dockerfile/lint-paths.js';
export { type FileResult, type LintOptions, lintText, prepareLinter } from './dockerfile/linter.js';
export { Dockerfile } from './dockerfile/parse/dockerfile.js';
export type { Rule, RuleContext, RuleMeta } from './dockerfile/rule.js';
export { RULES } from './dockerfile/rules/index.js';
export { type CheckManifestPathsOptions, checkManifestPaths, type ManifestReport } from './manifests/check-paths.js';
// docker-compose and ECS: check, harden, generate (Railway: `railwayChecker` from './manifests/railway/index.js').
export { type GeneratedFile, type GenerateOptions, generateCompose } from './manifests/compose/generate.js';
export { hardenCompose } from './manifests/compose/harden.js';
export { COMPOSE_RULES, checkComposeText, composeChecker } from './manifests/compose/index.js';
export { generateEcs } from './manifests/ecs/generate.js';
export { hardenEcs } from './manifests/ecs/harden.js';
export { checkEcsText, ECS_RULES, ecsChecker } from './manifests/ecs/index.js';
export type { HardenChange, HardenResult as ManifestHardenResult } from './manifests/harden-loop.js';
export { MANIFEST_CHECKERS } from './manifests/index.js';
export {
  type GeneratedManifest,
  type GenerateKubernetesOptions,
  generateKubernetes,
} from './manifests/k8s/generate.js';
export { type HardenOptions, type HardenResult, hardenKubernetes } from './manifests/k8s/harden.js';
export { checkKubernetesText, KUBERNETES_RULES, kubernetesChecker } from './manifests/k8s/index.js';
export type { ManifestKindChecker } from './manifests/kind-checker.js';
export type { ManifestKind, ManifestRule, ManifestRuleMeta } from './manifests/rule.js';
export { detectYamlStyle, YamlEditor, type YamlStyle, type YamlValue } from './manifests/yaml-edits.js';
export type { VulnerabilityFinding } from './match/finding.js';
export { matchPackages } from './match/match-packages.js';
export type { ScanReport } from './match/scan-report.js';
export { type ScanOptions, scanSbom, scanTarget } from './match/scan-target.js';
export {
  createDigestResolver,
  type DigestResolver,
  type DigestResolverOptions,
  findReferences,
  type ImageReference,
  type PinPathsOptions,
  type PinRun,
  pinPaths,
  type UpdatePathsOptions,
  type UpdateRun,
  unpinnedImageFindings,
  updatePaths,
} from './pin/index.js';
export { EXIT_ERROR, EXIT_OK, EXIT_POLICY, gate, type Verdict } from './policy/gate.js';
export { REPORTERS } from './report/index.js';
export { REPORT_FORMATS, type Reporter, type ReportFormat } from './report/reporter.js';
export { SBOM_REPORTERS } from './report/sbom-index.js';
export { SCAN_REPORTERS } from './report/scan-index.js';
export { fileViewOf, type OpenSourceOptions, openSource, saveImage } from './sources/index.js';
export type { FileEntry, FileView, Image, Layer, Platform, Source } from './sources/types.js';
export {
  CHECKS as VERIFY_CHECKS,
  type CheckResult,
  VERIFY_REPORTERS,
  type VerifyCheck,
  type VerifyImageOptions,
  type VerifyReport,
  verifyImage,
} from './verify/index.js';
export { VulnDb } from './vulndb/db.js';
export { importPaths } from './vulndb/importers/import-paths.js';
export type { Advisory, Ecosystem, VersionComparer } from './vulndb/types.js';
export { comparerFor } from './vulndb/version/index.js';
