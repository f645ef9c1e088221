import { DrydockError } from '../../core/errors.js';
import { type ImageRef, parseImageRef } from '../../core/image-ref.js';

/**
 * A registry reference, resolved the way Docker resolves it: Docker Hub short names get
 * `docker.io/library/`, a missing tag means `latest` (unless a digest pins it), and when both a tag
 * and a digest are given the digest wins (the tag is kept only for display).
 */
export interface RegistryReference {
  /** As written by the user. */
  readonly raw: string;
  /** Registry as named in references: `docker.io`, `localhost:5000`, `[::1]:5000`. */
  readonly registry: string;
  /** Where the Distribution API lives: `registry-1.docker.io` for Docker Hub, else `registry`. */
  readonly apiHost: string;
  /** `library/python`. */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** What to ask `/v2/<repository>/manifests/<…>` for: the digest when pinned, else the tag. */
  readonly reference: string;
  /** `docker.io/library/python:3.11` (tag and/or `@digest`). */
  readonly canonical: string;
  /** `python:3.11`, as Docker prints it. */
  readonly familiar: string;
}

const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
const IPV6_HOST = /^\[([0-9a-fA-F:.]+)\](:\d+)?\//;
// distribution/reference accepts bracketed IPv6 hosts; the parser we wrap predates that, so the
// host is swapped for a placeholder domain, parsed, and swapped back.
const IPV6_PLACEHOLDER = 'ipv6-host.drydock.invalid';

/** Parses an image reference; invalid ones throw a one-line DrydockError naming the reference. */
export function parseRegistryReference(raw: string): RegistryReference {
  const text = raw.trim();
  let ipv6: string | undefined;
  let input = text;
  const m = IPV6_HOST.exec(text);
  if (m) {
    ipv6 = `[${m[1]}]`;
    input = `${IPV6_PLACEHOLDER}${m[2] ?? ''}/${text.slice(m[0].length)}`;
  }
  const parsed = parseImageRef(input);
  if (!parsed.ok) {
    throw new DrydockError('usage', `invalid image reference: ${parsed.error}`, {
      where: text === '' ? '(empty reference)' : text,
      hint: 'expected [registry/]repository[:tag][@sha256:digest], e.g. python:3.11-slim or ghcr.io/org/app@sha256:…',
    });
  }
  const ref: ImageRef = parsed.ref;
  const registry = ipv6 === undefined ? ref.registry : ref.registry.replace(IPV6_PLACEHOLDER, ipv6);
  if (ref.digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(ref.digest)) {
    throw new DrydockError('usage', `unsupported digest algorithm (only sha256 is supported)`, { where: text });
  }
  const tag = ref.tag ?? (ref.digest === undefined ? 'latest' : undefined);
  const suffix = `${tag === undefined ? '' : `:${tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
  const familiarName =
    registry === DOCKER_HUB
      ? ref.repository.startsWith('library/')
        ? ref.repository.slice('library/'.length)
        : ref.repository
      : `${registry}/${ref.repository}`;
  return {
    raw: text,
    registry,
    apiHost: registry === DOCKER_HUB ? DOCKER_HUB_API : registry,
    repository: ref.repository,
    tag,
    digest: ref.digest,
    reference: ref.digest ?? tag ?? 'latest',
    canonical: `${registry}/${ref.repository}${suffix}`,
    familiar: `${familiarName}${suffix}`,
  };
}

/** The same repository at another tag or digest (platform manifests of an index, blobs). */
export function withDigest(ref: RegistryReference, digest: string): RegistryReference {
  return { ...ref, digest, reference: digest, canonical: `${ref.registry}/${ref.repository}@${digest}` };
}

/** Host part without port, brackets kept off: `localhost`, `127.0.0.1`, `::1`. */
export function hostName(hostWithPort: string): string {
  if (hostWithPort.startsWith('[')) {
    const end = hostWithPort.indexOf(']');
    return end === -1 ? hostWithPort : hostWithPort.slice(1, end);
  }
  const colon = hostWithPort.lastIndexOf(':');
  return colon === -1 ? hostWithPort : hostWithPort.slice(0, colon);
}

/**
 * Plain HTTP only where nothing can sit in the middle (loopback) or where the user said so, as
 * Docker's `insecure-registries` does; everything else is HTTPS.
 */
export function schemeFor(hostWithPort: string, insecureRegistries: readonly string[] = []): 'http' | 'https' {
  const name = hostName(hostWithPort).toLowerCase();
  if (name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name)) return 'http';
  const lower = hostWithPort.toLowerCase();
  return insecureRegistries.some((h) => h.toLowerCase() === lower || h.toLowerCase() === name) ? 'http' : 'https';
}
