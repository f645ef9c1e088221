/** drydock's library API: everything the CLI does is available here. */

export { main } from './cli/main.js';
export { DrydockError } from './core/errors.js';
export type { FileError, Finding, Fix, LintReport, RuleSummary } from './core/finding.js';
export { type ImageRef, parseImageRef } from './core/image-ref.js';
export type { Location, Position, Span } from './core/location.js';
export { SEVERITIES, type Severity } from './core/severity.js';
export { applyEdits, fixUntilStable, type TextEdit } from './core/text-edit.js';
export type { DrydockConfig, RuleSetting } from './dockerfile/config.js';
export { DEFAULT_CONFIG, findConfig, loadConfig, parseConfig } from './dockerfile/config.js';
export { type LintPathsOptions, lintPaths } from './dockerfile/lint-paths.js';
export { type FileResult, type LintOptions, lintText, prepareLinter } from './dockerfile/linter.js';
export { Dockerfile } from './dockerfile/parse/dockerfile.js';
export type { Rule, RuleContext, RuleMeta } from './dockerfile/rule.js';
export { RULES } from './dockerfile/rules/index.js';
export { EXIT_ERROR, EXIT_OK, EXIT_POLICY, gate, type Verdict } from './policy/gate.js';
export { REPORTERS } from './report/index.js';
export { REPORT_FORMATS, type Reporter, type ReportFormat } from './report/reporter.js';
