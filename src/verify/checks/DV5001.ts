import { basename } from '../../core/posix-path.js';
import { buildStep, fileFinding, listSome, type VerifyCheck, type VerifyFinding } from '../check.js';
import { findSecrets, isSecretCandidate } from '../secrets.js';

/**
 * Secrets in files, in every layer: a credential deleted by a later layer is gone from the
 * filesystem but still in the image, and `docker save` or any registry client hands it out. Hits
 * in the final filesystem are located at the file (and the layer that wrote it); hits only in a
 * lower layer name that layer and its build step.
 */
export const DV5001: VerifyCheck = {
  meta: {
    id: 'DV5001',
    title: 'No secrets in files, including deleted ones',
    severity: 'critical',
    section: 'secrets',
    why: 'Anyone who can pull the image can read every file of every layer, so a key that a later RUN deletes is still published with the image.',
    fix: 'Never COPY credentials: use `RUN --mount=type=secret` for build-time secrets and inject runtime ones through the orchestrator; rotate any key that was published.',
    aliases: [
      'CIS-DI-0010',
      'DS031',
      'aws-access-key-id',
      'aws-secret-access-key',
      'private-key',
      'github-pat',
      'gcp-service-account',
    ],
    example: {
      bad: 'COPY credentials /root/.aws/credentials\nRUN aws s3 cp s3://bucket/model /app/model && rm /root/.aws/credentials',
      good: 'RUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws s3 cp s3://bucket/model /app/model',
    },
  },
  candidates: isSecretCandidate,
  check(context) {
    const findings: VerifyFinding[] = [];
    const kinds = new Set<string>();
    let scanned = 0;
    for (const [path, content] of context.files) {
      const entry = context.entries.get(path);
      if (!entry || !isSecretCandidate(entry)) continue;
      scanned++;
      for (const hit of findSecrets(path, content)) {
        kinds.add(hit.kind);
        findings.push(fileFinding(`/${path}:${hit.line} holds ${hit.kind}`, entry, hit.line));
      }
    }
    let hidden = 0;
    for (const f of context.layerFiles) {
      if (f.visible) continue;
      scanned++;
      for (const hit of findSecrets(f.entry.path, f.content)) {
        kinds.add(hit.kind);
        hidden++;
        const now = context.entries.get(f.entry.path) ? 'replaced' : 'deleted';
        const step = context.stepOf(f.entry.layer);
        findings.push(
          fileFinding(
            `/${f.entry.path}:${hit.line} holds ${hit.kind}; ${now} by a later layer but still in layer ${f.layerIndex + 1}${step ? ` (${buildStep(step)})` : ''}`,
            f.entry,
            hit.line,
          ),
        );
      }
    }
    // Walk order is tar order; a report reads best by path, then line.
    findings.sort(
      (a, b) =>
        (a.location?.path ?? '').localeCompare(b.location?.path ?? '') ||
        (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
        a.message.localeCompare(b.message),
    );
    const skipped =
      context.candidatesSkipped > 0 ? `; ${context.candidatesSkipped} not read (over the content budget)` : '';
    const layers = context.layers.length > 1 ? ` in ${context.layers.length} layers` : '';
    if (findings.length === 0) {
      return { status: 'pass', evidence: `none in ${scanned} candidate files${layers}${skipped}`, data: { scanned } };
    }
    const files = new Set(findings.map((f) => f.location?.path ?? ''));
    return {
      status: 'fail',
      evidence: `${findings.length} in ${files.size} file${files.size === 1 ? '' : 's'}${hidden > 0 ? ` (${hidden} only in a lower layer)` : ''}: ${listSome([...kinds])}; ${listSome(
        [...files].map((p) => basename(p)),
        4,
      )}${skipped}`,
      findings,
      data: { scanned, kinds: [...kinds] },
    };
  },
};
