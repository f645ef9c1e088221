import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { LintReport } from '../core/finding.js';
import { auditDependencies, type DepsAuditOptions } from '../deps/audit.js';
import { manifestFormatOf } from '../deps/discover.js';
import { isDockerfileName } from '../dockerfile/discover.js';
import { lintPaths } from '../dockerfile/lint-paths.js';
import { checkManifestPaths } from '../manifests/check-paths.js';
import { MANIFEST_CHECKERS } from '../manifests/index.js';
import type { ManifestKind } from '../manifests/rule.js';
import { mergeReports } from './merge-reports.js';

/** What a file in an audit was checked as. */
export type AuditFileKind = 'dockerfile' | ManifestKind | 'dependencies';

/** One report for a repository, plus what each file was checked as (the text view groups by it). */
export interface AuditReport extends LintReport {
  readonly fileKinds: ReadonlyMap<string, readonly AuditFileKind[]>;
}

export interface AuditOptions {
  /** Run only these rules (ids or aliases) in every checker. */
  readonly only?: readonly string[];
  /** A `.drydock.yaml` for the Dockerfile rules instead of the nearest one. */
  readonly configPath?: string;
  /** Dependency audit options (database, OSV records, hashes); false leaves dependency files out. */
  readonly deps?: DepsAuditOptions | false;
}

/**
 * `drydock audit`: every checker over the same paths — Dockerfiles (lint), Kubernetes, ECS, compose
 * and Railway files (manifests), Python/npm dependency files (deps) — merged into one report. A checker that finds no file of its kind
 * contributes nothing; a file no checker recognises is not part of the audit.
 */
export async function auditPaths(paths: readonly string[], options: AuditOptions = {}): Promise<AuditReport> {
  const roots = paths.length > 0 ? paths : ['.'];
  const only = options.only ? { only: options.only } : {};
  // Directories go to every checker; a file named on the command line only to the checker of its kind.
  const lintRoots = roots.filter((p) => isDirectory(p) || isDockerfileName(basename(p)));
  const lint =
    lintRoots.length > 0
      ? await lintPaths(lintRoots, { ...only, ...(options.configPath ? { configPath: options.configPath } : {}) })
      : undefined;
  const manifests = checkManifestPaths(roots, MANIFEST_CHECKERS, { ...only, ignoreUnclaimed: true });
  const depsRoots = roots.filter((p) => isDirectory(p) || manifestFormatOf(p) !== undefined);
  const deps =
    options.deps === false || depsRoots.length === 0
      ? undefined
      : await auditDependencies(depsRoots, options.deps ?? {});
  const fileKinds = new Map<string, AuditFileKind[]>();
  const add = (path: string, kind: AuditFileKind) => fileKinds.set(path, [...(fileKinds.get(path) ?? []), kind]);
  for (const f of lint?.files ?? []) add(f, 'dockerfile');
  for (const [f, kinds] of manifests.fileKinds) for (const k of kinds) add(f, k);
  for (const f of deps?.files ?? []) add(f, 'dependencies');
  const parts = [lint, manifests, deps].filter((r): r is LintReport => r !== undefined);
  return { ...mergeReports(parts), fileKinds };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
