import { DrydockError, errorMessage } from '../../core/errors.js';
import { type ImageRef, parseImageRef } from '../../core/image-ref.js';
import { createDigestResolver, type DigestResolver } from '../../pin/resolver.js';
import { hostPlatform, parsePlatform } from '../../sources/platform.js';
import { RegistryClient } from '../../sources/registry/client.js';
import { parseRegistryReference, type RegistryReference, withDigest } from '../../sources/registry/reference.js';
import { RegistrySource } from '../../sources/registry/registry-source.js';
import type { ImageFacts } from '../config.js';
import { displayImage, fromReferences } from '../image-helpers.js';
import type { Dockerfile, Stage } from '../parse/dockerfile.js';
import { stageChain } from '../user-helpers.js';
import { isRelativeWorkdir } from './absolute-workdir.js';
import { imageFactsKey } from './image-facts.js';

/**
 * The network half of `drydock fix`, run before linting so rules stay synchronous: the digest each
 * unpinned tag points at now (a HEAD, `RegistryClient.resolveDigest`: the multi-arch index digest
 * when there is one, never one platform's), and the WorkingDir of base images a relative WORKDIR
 * depends on. `--digest REF=sha256:…` answers first; `--offline` asks no registry at all.
 */

/** One external image a Dockerfile names, and what fix needs to know about it. */
export interface ImageQuery {
  readonly key: string;
  readonly ref: ImageRef;
  /** As users write it (`python:3.11`), for messages. */
  readonly display: string;
  /** Not pinned yet: fix wants the digest its tag points at. */
  readonly needsDigest: boolean;
  /** A relative WORKDIR resolves against the image's own working directory. */
  readonly needsWorkingDir: boolean;
  /** `FROM --platform=…` (literal), to read the config of that platform. */
  readonly platform: string | undefined;
}

/**
 * The external images of a Dockerfile that fix has to look up before linting: unpinned FROM
 * images (ARG defaults included), unpinned `COPY --from`/`RUN --mount from=` images, and base
 * images whose working directory a relative WORKDIR depends on.
 */
export function imageQueries(file: Dockerfile): ImageQuery[] {
  const byKey = new Map<string, ImageQuery>();
  const add = (ref: ImageRef, needsDigest: boolean, needsWorkingDir: boolean, platform?: string) => {
    const key = imageFactsKey(ref);
    const had = byKey.get(key);
    byKey.set(key, {
      key,
      ref,
      display: displayImage({ ...ref, digest: undefined }),
      needsDigest: needsDigest || (had?.needsDigest ?? false),
      needsWorkingDir: needsWorkingDir || (had?.needsWorkingDir ?? false),
      platform: had?.platform ?? (platform && !platform.includes('$') ? platform : undefined),
    });
  };
  for (const stage of file.stages) {
    if (stage.ref && !stage.ref.digest) add(stage.ref, true, false, stage.platform);
  }
  for (const from of fromReferences(file)) {
    if (from.target.kind === 'image' && !from.target.ref.digest) add(from.target.ref, true, false);
  }
  for (const stage of file.stages) {
    if (!stage.instructions.some((i) => i.keyword === 'WORKDIR' && isRelativeWorkdir(file, i))) continue;
    const root = rootOf(stage);
    if (root.ref) add(root.ref, false, true, root.platform);
  }
  return [...byKey.values()];
}

function rootOf(stage: Stage): Stage {
  return stageChain(stage).at(-1) ?? stage;
}

export interface ResolveImagesOptions {
  /** Ask no registry: digests only from `digests`. */
  readonly offline?: boolean;
  /** Digests given by hand (`--digest REF=sha256:…`), by imageFactsKey. */
  readonly digests?: ReadonlyMap<string, string>;
  /** Registries spoken to over plain HTTP (localhost and 127.0.0.0/8 always are). */
  readonly insecureRegistries?: readonly string[];
  /** Share one client (token cache, connections) across files. */
  readonly client?: RegistryClient;
  /** Share one memoised resolver across files, so a tag used by many Dockerfiles costs one HEAD. */
  readonly resolver?: DigestResolver;
}

/** A registry client for fix's look-ups: short timeouts and few retries (a HEAD is all it needs). */
export function fixRegistryClient(insecureRegistries: readonly string[] = []): RegistryClient {
  return new RegistryClient({
    insecureRegistries,
    timeoutMs: 15_000,
    retry: { tries: 2, baseDelayMs: 250, maxDelayMs: 2_000, totalMs: 20_000 },
  });
}

/** Looks up what fix needs about the images of one Dockerfile; never throws: failures become `digestError`. */
export async function resolveImageFacts(
  file: Dockerfile,
  options: ResolveImagesOptions = {},
): Promise<Map<string, ImageFacts>> {
  const queries = imageQueries(file);
  const facts = new Map<string, ImageFacts>();
  if (queries.length === 0) return facts;
  const client = options.offline ? undefined : (options.client ?? fixRegistryClient(options.insecureRegistries));
  const resolver = client ? (options.resolver ?? createDigestResolver({ client })) : undefined;
  await Promise.all(
    queries.map(async (q) => {
      facts.set(q.key, await lookUp(q, client, resolver, options.digests));
    }),
  );
  return facts;
}

async function lookUp(
  q: ImageQuery,
  client: RegistryClient | undefined,
  resolver: DigestResolver | undefined,
  given: ReadonlyMap<string, string> | undefined,
): Promise<ImageFacts> {
  let digest = q.ref.digest ?? given?.get(q.key);
  let digestError: string | undefined;
  let reference: RegistryReference | undefined;
  if (client) {
    try {
      reference = parseRegistryReference(`${q.ref.registry}/${q.ref.repository}:${q.ref.tag ?? 'latest'}`);
    } catch (err) {
      digestError = `cannot resolve ${q.display}: ${oneLine(err)}`;
    }
  }
  if (q.needsDigest && digest === undefined) {
    if (!client || !resolver) digestError = `offline: no --digest given for ${q.display}`;
    else if (reference) {
      try {
        digest = await resolver(reference.canonical);
      } catch (err) {
        digestError = `cannot resolve ${q.display}: ${oneLine(err)}`;
      }
    }
  }
  let workingDir: string | undefined;
  if (q.needsWorkingDir && client && reference) {
    try {
      const source = new RegistrySource(digest ? withDigest(reference, digest) : reference, { client });
      const image = await source.resolve({ platform: q.platform ? parsePlatform(q.platform) : hostPlatform() });
      workingDir = image.config.config?.WorkingDir ?? '';
    } catch {
      // Unknown stays unknown: the relative WORKDIR is then reported as needing a human.
      workingDir = undefined;
    }
  }
  return {
    ...(digest === undefined ? {} : { digest }),
    ...(digest === undefined && digestError !== undefined ? { digestError } : {}),
    ...(workingDir === undefined ? {} : { workingDir }),
  };
}

function oneLine(err: unknown): string {
  const message = err instanceof DrydockError ? err.toLine().replace(/^error: /, '') : errorMessage(err);
  return message.split('\n')[0] ?? message;
}

/**
 * `--digest REF=sha256:…` values by imageFactsKey. REF is written as in the Dockerfile
 * (`python:3.11`, `ghcr.io/org/app:1`); a malformed value is a usage error naming it.
 */
export function parseDigestFlags(values: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const refText = eq === -1 ? '' : value.slice(0, eq);
    const digest = eq === -1 ? '' : value.slice(eq + 1);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) {
      throw new DrydockError('usage', 'expected REF=sha256:<64 hex digits>', { where: `--digest ${value}` });
    }
    const parsed = parseImageRef(refText);
    if (!parsed.ok || parsed.ref.digest) {
      throw new DrydockError(
        'usage',
        parsed.ok ? 'REF must be a tag, not a digest' : `bad image reference: ${parsed.error}`,
        {
          where: `--digest ${value}`,
        },
      );
    }
    out.set(imageFactsKey(parsed.ref), digest);
  }
  return out;
}
