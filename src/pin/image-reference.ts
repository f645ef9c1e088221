import { DrydockError } from '../core/errors.js';
import type { Location, Span } from '../core/location.js';
import { parseRegistryReference, type RegistryReference } from '../sources/registry/reference.js';

/** The file kinds drydock finds image references in. */
export type ReferenceFileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'ecs' | 'github-actions' | 'gitlab-ci';

export const REFERENCE_FILE_KINDS: readonly ReferenceFileKind[] = [
  'dockerfile',
  'compose',
  'kubernetes',
  'ecs',
  'github-actions',
  'gitlab-ci',
];

/**
 * One image reference in a file, with the exact text that holds it so pinning and updating are
 * TextEdits of that span and nothing else (the guide's `sed` rewrote every digest in the file).
 */
export interface ImageReference {
  readonly path: string;
  readonly kind: ReferenceFileKind;
  /** Where it is used, for people: `FROM`, `COPY --from`, `services.web.image`, `Deployment/web …containers[0].image`. */
  readonly field: string;
  /** The image the build or the runtime sees (build ARGs substituted). */
  readonly image: string;
  /** The text that holds the reference: the ARG default for `FROM ${BASE}`, the scalar inside its quotes. */
  readonly span: Span;
  /** The text at `span` as written (may contain `${VAR}` when only the repository part comes from an ARG). */
  readonly written: string;
  /** Where the image is used (the FROM line, the `image:` key): errors and findings point here. */
  readonly location: Location;
  /** Set when the text lives elsewhere than the use: `ARG BASE (line 1)`. */
  readonly via?: string;
  /** Why drydock reports but never rewrites this reference (templating, variables in the tag…). */
  readonly skip?: string;
}

/** Result of scanning one file for image references. */
export interface FileReferences {
  readonly path: string;
  readonly kind: ReferenceFileKind;
  readonly text: string;
  readonly references: readonly ImageReference[];
  /** Parse problems; a file with problems still yields the references found. */
  readonly problems: readonly { readonly location: Location; readonly message: string }[];
}

const DIGEST_IN_TEXT = /@sha256:[a-f0-9]{64}/;

/** `name[:tag]@sha256:…` → the parsed registry reference; invalid → undefined with the reason. */
export function parseReference(image: string): { ref: RegistryReference } | { error: string } {
  try {
    return { ref: parseRegistryReference(image) };
  } catch (err) {
    return { error: err instanceof DrydockError ? err.message : String(err) };
  }
}

/**
 * The key a tag is resolved and locked under: registry, repository and tag, no digest
 * (`python:3.11-slim`, `127.0.0.1:5000/lib/base:1`). Docker Hub names keep their familiar form.
 */
export function tagKey(ref: RegistryReference): string {
  const name = ref.familiar.replace(/@sha256:[a-f0-9]{64}$/, '').replace(/:[^:/@]+$/, '');
  return `${name}:${ref.tag ?? 'latest'}`;
}

/** True when the reference names a digest. */
export function isPinned(ref: RegistryReference): boolean {
  return ref.digest !== undefined;
}

/**
 * The replacement text that pins `written` to `digest`, keeping what was written: the tag stays
 * (`python:3.11` → `python:3.11@sha256:…`) and a missing tag becomes an explicit `:latest`, so a
 * later `drydock update` knows which tag to follow (Docker ignores the tag once a digest is given).
 */
export function pinnedText(written: string, ref: RegistryReference, digest: string): string {
  const hasTag = ref.tag !== undefined && !impliedLatest(written);
  return `${written}${hasTag ? '' : ':latest'}@${digest}`;
}

/** `python` parses with the implied tag `latest`; `python:latest` names it. */
function impliedLatest(written: string): boolean {
  const last = written.slice(written.lastIndexOf('/') + 1);
  return !last.includes(':');
}

/** The replacement text with the digest swapped, or undefined when the digest is not in the written text. */
export function updatedText(written: string, oldDigest: string, newDigest: string): string | undefined {
  const at = written.indexOf(`@${oldDigest}`);
  if (at === -1) return undefined;
  return `${written.slice(0, at)}@${newDigest}${written.slice(at + 1 + oldDigest.length)}`;
}

/** True when the written text holds a literal `@sha256:` digest. */
export function writesDigest(written: string): boolean {
  return DIGEST_IN_TEXT.test(written);
}
