import type { FileError, Finding, RuleSummary } from '../core/finding.js';
import { DOCS_BASE_URL } from '../dockerfile/rule-docs.js';
import { discoverReferenceFiles } from './discover.js';
import { type FileReferences, parseReference } from './image-reference.js';

/** Dockerfile references keep lint's rule id, so suppressions and docs line up with `drydock lint`. */
export const UNPINNED_DOCKERFILE_RULE = 'DD1003';
/** Deployment files and CI workflows. */
export const UNPINNED_MANIFEST_RULE = 'DI1001';

export const UNPINNED_RULES: readonly RuleSummary[] = [
  {
    id: UNPINNED_MANIFEST_RULE,
    title: 'Image not pinned by @sha256 digest',
    severity: 'medium',
    why: 'A tag can be re-pushed at any time, so what runs can differ from what was scanned and reviewed.',
    fix: 'Run `drydock pin` to add the digest of the tag (name:tag@sha256:…); `drydock update` moves it later.',
    aliases: [],
    helpUri: `${DOCS_BASE_URL.replace(/\/rules$/, '')}/commands/pin.md`,
  },
];

/**
 * For `drydock audit`: one finding per image reference that is not pinned by digest, in every
 * Dockerfile, Compose, Kubernetes, ECS, GitHub Actions and GitLab CI file under `paths`. References
 * drydock cannot pin (templated, from ARGs without default) are findings too, with the reason.
 */
export function unpinnedImageFindings(paths: readonly string[]): { findings: Finding[]; errors: FileError[] } {
  const found = discoverReferenceFiles(paths);
  const findings = found.files.flatMap(fileFindings);
  const errors: FileError[] = found.errors.map((e) => ({ path: e.path, message: e.message }));
  // Templates found in directories are left out silently, as pin does (with a warning there).
  for (const f of found.files) {
    for (const p of f.problems) {
      errors.push({ path: f.path, line: p.location.line, column: p.location.column, message: p.message });
    }
  }
  return { findings, errors };
}

/** The findings of one scanned file. */
export function fileFindings(file: FileReferences): Finding[] {
  const out: Finding[] = [];
  for (const ref of file.references) {
    const parsed = parseReference(ref.image);
    if ('ref' in parsed && parsed.ref.digest !== undefined) continue;
    const what = `${ref.field} ${ref.image}`;
    const message =
      ref.skip !== undefined
        ? `${what} is not pinned by digest, and drydock pin cannot pin it: ${ref.skip}`
        : `${what} is not pinned by digest: run \`drydock pin\``;
    out.push({
      ruleId: file.kind === 'dockerfile' ? UNPINNED_DOCKERFILE_RULE : UNPINNED_MANIFEST_RULE,
      severity: 'medium',
      message,
      location: ref.location,
      aliases: [],
    });
  }
  return out;
}
