import type { Location } from './location.js';
import type { Severity } from './severity.js';
import type { TextEdit } from './text-edit.js';

export interface Fix {
  /** What the fix does, e.g. "add --no-install-recommends". */
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

/** One rule violation at one place. Reporters read these and nothing else. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly location: Location;
  /** Equivalent ids in other tools (hadolint DLxxxx, Trivy DSxxx, Dockle CIS-DI-xxxx…). */
  readonly aliases: readonly string[];
  readonly fix?: Fix;
}

/** A file that could not be linted: one line, where and why. */
export interface FileError {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface RuleSummary {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly why: string;
  readonly fix: string;
  readonly aliases: readonly string[];
  readonly helpUri: string;
}

/** A rule's metadata as reports carry it (every rule kind has these fields), with where its docs live. */
export function ruleSummary(meta: Omit<RuleSummary, 'helpUri'>, helpUri: string): RuleSummary {
  const { id, title, severity, why, fix, aliases } = meta;
  return { id, title, severity, why, fix, aliases, helpUri };
}

/** What a lint run produced; the input of every reporter and of the policy gate. */
export interface LintReport {
  readonly tool: { readonly name: 'drydock'; readonly version: string };
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  readonly errors: readonly FileError[];
  /** Metadata of the rules that ran (for SARIF rule tables and docs links). */
  readonly rules: readonly RuleSummary[];
  /** Source lines, per file, for reporters that show the offending line with a caret. */
  readonly sources: ReadonlyMap<string, string>;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.location.path.localeCompare(b.location.path) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
