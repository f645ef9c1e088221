import type { Fix } from '../core/finding.js';
import type { Span } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import type { Dependency, ParsedManifest } from './model.js';
import type { PinAssessment, VersionConstraint } from './vulnerabilities.js';

export interface DepsRuleMeta {
  /** Stable id, also the file name: `DP1001`. */
  readonly id: string;
  readonly title: string;
  /** The usual severity; DP1004 takes each finding's from its advisories. */
  readonly severity: Severity;
  /** One sentence: why this matters. */
  readonly why: string;
  /** One sentence: what to do instead. */
  readonly fix: string;
  /** Equivalent ids in other tools. */
  readonly aliases: readonly string[];
  readonly fixable?: boolean;
  readonly example: { readonly bad: string; readonly good: string };
}

export interface DepsRuleReport {
  readonly message: string;
  readonly span: Span;
  /** Defaults to the rule's severity. */
  readonly severity?: Severity;
  readonly fix?: Fix;
}

/** One manifest and what the audit knows around it. */
export interface DepsRuleContext {
  readonly manifest: ParsedManifest;
  /** Why pip runs these requirements in hash-checking mode (`--require-hashes` given or implied), if it does. */
  readonly hashMode?: string;
  /** `--require-hashes` on the command line: lock files and requirements must carry hashes. */
  readonly requireHashes: boolean;
  /** Whether advisories were looked up (a database was available and not switched off). */
  readonly vulnerabilitiesChecked: boolean;
  /** Other declarations that limit this package's version (constraint files, the manifest of a lock). */
  constraintsFor(dependency: Dependency): readonly VersionConstraint[];
  /** A constraint elsewhere pins the package exactly (`-c` with `==`), so a loose requirement is pinned after all. */
  pinnedElsewhere(dependency: Dependency): string | undefined;
  assess(dependency: Dependency): PinAssessment | undefined;
  report(report: DepsRuleReport): void;
}

/** One rule per file (`rules/DP1001.ts`), registered in `rules/index.ts`. Rules never write files. */
export interface DepsRule {
  readonly meta: DepsRuleMeta;
  check(context: DepsRuleContext): void;
}

/** A declaration the audit looks at directly: not one a lock file beside it resolves. */
export function audited(dependency: Dependency): boolean {
  return dependency.lockedBy === undefined;
}
