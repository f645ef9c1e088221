import { parseFamiliarName } from '@swimlane/docker-reference';

/**
 * A parsed image reference, normalised the way Docker does (`python:3.11` →
 * `docker.io/library/python:3.11`). Parsing follows distribution/reference's grammar.
 */
export interface ImageRef {
  /** The text as written. */
  readonly raw: string;
  /** Registry host, with port: `docker.io`, `ghcr.io`, `localhost:5000`. */
  readonly registry: string;
  /** Repository path without registry: `library/python`. */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** Short familiar name as users write it: `python`, `ghcr.io/org/app`. */
  readonly familiar: string;
}

export type ImageRefResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

export function parseImageRef(raw: string): ImageRefResult {
  try {
    const parsed = parseFamiliarName(raw);
    const registry = parsed.domain ?? 'docker.io';
    const repository = parsed.repository ?? '';
    let familiar = `${registry}/${repository}`;
    if (registry === 'docker.io') {
      familiar = repository.startsWith('library/') ? repository.slice('library/'.length) : repository;
    }
    return { ok: true, ref: { raw, registry, repository, tag: parsed.tag, digest: parsed.digest, familiar } };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: message.replace(/^invalid reference format:?\s*/i, '') || 'invalid reference format' };
  }
}

/** The last path segment of the repository: `library/python` → `python`, `bitnami/node` → `node`. */
export function imageBaseName(ref: ImageRef): string {
  const parts = ref.repository.split('/');
  return parts[parts.length - 1] ?? ref.repository;
}
