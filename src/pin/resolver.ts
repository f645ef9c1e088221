import { DrydockError } from '../core/errors.js';
import { RegistryClient, type RegistryClientOptions } from '../sources/registry/client.js';
import { Semaphore } from '../sources/registry/limit.js';
import { parseRegistryReference, type RegistryReference } from '../sources/registry/reference.js';
import { tagKey } from './image-reference.js';
import type { LockFile } from './lock-file.js';

/** `reference` (a tag, with or without a digest) → the digest its tag points at now. */
export type DigestResolver = (reference: string) => Promise<string>;

export interface DigestResolverOptions extends RegistryClientOptions {
  /** A client to share (its auth tokens, transport counters); by default one is made from the options. */
  readonly client?: RegistryClient;
  /** Distinct references resolved at once (default 4): registries rate-limit bursts (Docker Hub's 429s). */
  readonly concurrency?: number;
}

export const DEFAULT_RESOLVE_CONCURRENCY = 4;

/**
 * A memoised resolver over the registry client: one HEAD per distinct tag per resolver (the
 * Docker-Content-Digest of the tag, i.e. the multi-arch index digest when the tag names an index,
 * the manifest digest only when there is none), at most `concurrency` at once, with the client's
 * credentials and its 429/Retry-After backoff. A digest in the reference is ignored: the tag is
 * what gets resolved (that is what `update` needs); a reference without a tag cannot be resolved.
 */
export function createDigestResolver(options: DigestResolverOptions = {}): DigestResolver {
  const client = options.client ?? new RegistryClient(options);
  const limit = new Semaphore(options.concurrency ?? DEFAULT_RESOLVE_CONCURRENCY);
  const memo = new Map<string, Promise<string>>();
  return (reference: string) => {
    let byTag: RegistryReference;
    try {
      byTag = tagReference(reference);
    } catch (err) {
      return Promise.reject(err);
    }
    let pending = memo.get(byTag.canonical);
    if (!pending) {
      pending = limit.run(() => client.resolveDigest(byTag));
      memo.set(byTag.canonical, pending);
    }
    return pending;
  };
}

/** A resolver that never goes to the network: digests come from a lock file (`pin --offline`). */
export function createLockResolver(lock: LockFile, lockPath: string): DigestResolver {
  return async (reference: string) => {
    const key = tagKey(tagReference(reference));
    const entry = lock.images.get(key);
    if (!entry) {
      throw new DrydockError('input', `${key} is not in ${lockPath}`, {
        where: reference,
        hint: 'run `drydock pin --lock` with registry access once to record it',
      });
    }
    return entry.digest;
  };
}

/** The reference by its tag alone (a pinned `name:tag@sha256:…` → `name:tag`). */
export function tagReference(reference: string): RegistryReference {
  const ref = parseRegistryReference(reference);
  if (ref.tag === undefined) {
    throw new DrydockError('input', 'pinned by digest only: there is no tag to follow', {
      where: reference,
      hint: 'write the tag before the digest (name:tag@sha256:…) so drydock update can follow it',
    });
  }
  return ref.digest === undefined ? ref : parseRegistryReference(`${ref.registry}/${ref.repository}:${ref.tag}`);
}
