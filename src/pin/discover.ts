import { readFileSync, statSync } from 'node:fs';
import { statPath, walkDirectory } from '../core/walk-files.js';
import { findReferences, mayHoldReferences } from './find-references.js';
import type { FileReferences } from './image-reference.js';

/** Lock files and generated JSON can be huge; no deployment file is. */
const MAX_MANIFEST_BYTES = 4 << 20;

export interface DiscoveredFiles {
  readonly files: readonly FileReferences[];
  /** Files named on the command line that are none of the known kinds, and unreadable files. */
  readonly errors: readonly { readonly path: string; readonly message: string }[];
  /**
   * Files found by walking a directory that do not parse cleanly (Helm templates, for one): left
   * out with a warning, where the same file named explicitly is an error.
   */
  readonly skipped: readonly { readonly path: string; readonly message: string }[];
}

/**
 * Expands PATHs into the files that hold image references: directories are walked (skipping VCS and
 * dependency folders; `.github` is walked) and each YAML/JSON file is kept only when its content is
 * one of the known kinds. A file named explicitly must be one of them.
 */
export function discoverReferenceFiles(paths: readonly string[]): DiscoveredFiles {
  const files: FileReferences[] = [];
  const errors: { path: string; message: string }[] = [];
  const skipped: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const visit = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    let text: string;
    try {
      if (!explicit && statSync(path).size > MAX_MANIFEST_BYTES) return;
      text = readFileSync(path, 'utf8');
    } catch (err) {
      errors.push({ path, message: `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
      return;
    }
    const found = findReferences(path, text);
    const problem = found?.problems[0];
    if (found && problem && !explicit) {
      skipped.push({ path: `${path}:${problem.location.line}:${problem.location.column}`, message: problem.message });
    } else if (found) files.push(found);
    else if (explicit) {
      errors.push({ path, message: 'not a Dockerfile, Compose, Kubernetes, ECS, GitHub Actions or GitLab CI file' });
    }
  };
  for (const p of paths.length > 0 ? paths : ['.']) {
    if (statPath(p).isDirectory()) for (const f of walkDirectory(p, mayHoldReferences)) visit(f, false);
    else visit(p, true);
  }
  return { files, errors, skipped };
}
