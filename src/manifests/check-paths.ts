import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileError, Finding, LintReport, RuleSummary } from '../core/finding.js';
import { expandPaths } from '../core/walk-files.js';
import { VERSION } from '../version.js';
import type { ManifestKindChecker } from './kind-checker.js';
import type { ManifestKind } from './rule.js';
import { isSelected, type RuleSelection, summarizeManifestRule } from './run-rules.js';

/** Deployment files are small; anything bigger is generated data, not something a human hardens. */
const MAX_MANIFEST_BYTES = 8 << 20;

/** The file names a directory walk considers; each kind's `claims` then decides on the text. */
export function isManifestCandidate(name: string): boolean {
  if (name === 'package.json' || name === 'package-lock.json' || /^tsconfig.*\.json$/.test(name)) return false;
  return /\.(ya?ml|json)$/i.test(name) || name === 'railway.toml';
}

/** A LintReport that also says which kind(s) claimed each checked file. */
export interface ManifestReport extends LintReport {
  readonly fileKinds: ReadonlyMap<string, readonly ManifestKind[]>;
}

export interface CheckManifestPathsOptions extends RuleSelection {
  /** Only these kinds (default: every registered kind). */
  readonly kinds?: readonly ManifestKind[];
  /** Skip unrecognised files even when named on the command line (`audit` passes every path to every checker). */
  readonly ignoreUnclaimed?: boolean;
}

/**
 * Checks deployment files and directories into one LintReport (so every lint reporter and the gate
 * work unchanged). Files named on the command line that no kind claims are errors; files found by a
 * directory walk that no kind claims are skipped silently (a repo has many unrelated YAML files).
 */
export function checkManifestPaths(
  paths: readonly string[],
  checkers: readonly ManifestKindChecker[],
  options: CheckManifestPathsOptions = {},
): ManifestReport {
  const active = options.kinds ? checkers.filter((c) => options.kinds?.includes(c.kind)) : checkers;
  const named = new Set(paths);
  const files = expandPaths(paths.length > 0 ? paths : ['.'], (path) => isManifestCandidate(basename(path)));
  const findings: Finding[] = [];
  const errors: FileError[] = [];
  const sources = new Map<string, string>();
  const checked: string[] = [];
  const fileKinds = new Map<string, ManifestKind[]>();
  const ranKinds = new Set<ManifestKindChecker>();
  for (const path of files) {
    let text: string;
    try {
      const size = statSync(path).size;
      if (size > MAX_MANIFEST_BYTES) {
        errors.push({ path, message: `too large to be a deployment file (${size} bytes)` });
        continue;
      }
      text = readFileSync(path, 'utf8');
    } catch (err) {
      errors.push({ path, message: `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
      continue;
    }
    const claimants = active.filter((c) => c.claims(path, text));
    if (claimants.length === 0) {
      if (named.has(path) && !options.ignoreUnclaimed) {
        errors.push({ path, message: `not a ${active.map((c) => c.kind).join(', ')} file drydock recognises` });
      }
      continue;
    }
    checked.push(path);
    fileKinds.set(
      path,
      claimants.map((c) => c.kind),
    );
    sources.set(path, text);
    for (const checker of claimants) {
      ranKinds.add(checker);
      const result = checker.check(path, text, options);
      findings.push(...result.findings);
      errors.push(...result.errors);
    }
  }
  const rules: RuleSummary[] = [];
  for (const checker of ranKinds) {
    rules.push(...checker.rules.filter((m) => isSelected(m, options)).map(summarizeManifestRule));
  }
  return {
    tool: { name: 'drydock', version: VERSION },
    files: checked,
    findings,
    errors,
    rules: rules.sort((a, b) => a.id.localeCompare(b.id)),
    sources,
    fileKinds,
  };
}
