import { DrydockError } from '../core/errors.js';
import type { Descriptor, Platform } from './types.js';

/**
 * Platforms as OCI names them (`linux/arm64/v8`), and picking one manifest out of an OCI index or
 * a Docker manifest list with containerd's matching rules: names are normalised first (aarch64 →
 * arm64, arm64 ≈ arm64/v8, arm ≈ arm/v7), and an arm/vN host also runs arm/v(N-1)… images, the
 * nearest variant winning.
 */

const ARCH_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  x64: 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
  i386: '386',
  i686: '386',
  ia32: '386',
};

/** `os/arch[/variant]`, or just `arch` (os linux). Throws a usage DrydockError on anything else. */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.some((p) => p === '') || parts.length > 3) {
    throw new DrydockError('usage', `bad platform "${text}"`, { hint: 'write os/arch[/variant], e.g. linux/arm64' });
  }
  const [a, b, c] = parts;
  if (parts.length === 1) return normalizePlatform({ os: 'linux', architecture: a ?? '' });
  return normalizePlatform({ os: a ?? '', architecture: b ?? '', ...(c === undefined ? {} : { variant: c }) });
}

export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/** containerd's normalisation: alias names, arm64 → variant v8, arm → v7, amd64/v1 → no variant. */
export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase() === 'macos' ? 'darwin' : p.os.toLowerCase();
  const architecture = ARCH_ALIASES[p.architecture.toLowerCase()] ?? p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() || undefined;
  if (architecture === 'arm64' && (variant === undefined || variant === '8')) variant = 'v8';
  else if (architecture === 'arm' && variant === undefined) variant = 'v7';
  else if (architecture === 'arm' && variant !== undefined && /^[5-8]$/.test(variant)) variant = `v${variant}`;
  else if (architecture === 'amd64' && variant === 'v1') variant = undefined;
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

/** The platform images should be picked for on this host; images are Linux even on a Mac or Windows. */
export function hostPlatform(
  arch: string = process.arch,
  armVersion: unknown = (process.config.variables as Record<string, unknown>).arm_version,
): Platform {
  switch (arch) {
    case 'x64':
      return { os: 'linux', architecture: 'amd64' };
    case 'arm64':
      return { os: 'linux', architecture: 'arm64', variant: 'v8' };
    case 'arm': {
      const v = typeof armVersion === 'string' || typeof armVersion === 'number' ? String(armVersion) : '7';
      return { os: 'linux', architecture: 'arm', variant: /^[5-8]$/.test(v) ? `v${v}` : 'v7' };
    }
    case 'ia32':
      return { os: 'linux', architecture: '386' };
    case 'ppc64':
      return { os: 'linux', architecture: 'ppc64le' };
    default:
      return normalizePlatform({ os: 'linux', architecture: arch });
  }
}

/**
 * How well `have` serves `want`: 0 exact, n > 0 an older arm variant n steps down, undefined no
 * match. Both are normalised first, so `arm64` equals `arm64/v8`.
 */
export function platformScore(have: Platform, want: Platform): number | undefined {
  const h = normalizePlatform(have);
  const w = normalizePlatform(want);
  if (h.os !== w.os || h.architecture !== w.architecture) return undefined;
  if (h.variant === w.variant) return 0;
  if (w.architecture === 'arm' && h.variant !== undefined && w.variant !== undefined) {
    const hv = Number(h.variant.slice(1));
    const wv = Number(w.variant.slice(1));
    if (hv < wv) return wv - hv;
  }
  return undefined;
}

export function platformMatches(have: Platform, want: Platform): boolean {
  return platformScore(have, want) !== undefined;
}

/** An OCI image index or a Docker manifest list (only what selection reads). */
export interface ManifestIndex {
  readonly mediaType?: string;
  readonly manifests: readonly Descriptor[];
}

/**
 * The entry of `index` for `wanted` (exact match first, then the nearest older arm variant, ties in
 * index order). Attestation manifests (`unknown/unknown`) are never picked. When nothing matches,
 * a DrydockError names `where` and lists what the index offers.
 */
export function selectManifest(index: ManifestIndex, wanted: Platform, where?: string): Descriptor {
  let best: Descriptor | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const d of index.manifests) {
    if (d.platform === undefined || isAttestation(d)) continue;
    const score = platformScore(d.platform, wanted);
    if (score !== undefined && score < bestScore) {
      best = d;
      bestScore = score;
    }
  }
  if (best !== undefined) return best;
  const offered = index.manifests
    .filter((d) => d.platform !== undefined && !isAttestation(d))
    .map((d) => formatPlatform(d.platform as Platform));
  throw new DrydockError(
    'input',
    `no image for platform ${formatPlatform(normalizePlatform(wanted))}; the index offers ${
      offered.length === 0 ? 'no platform-specific manifest' : [...new Set(offered)].join(', ')
    }`,
    { ...(where === undefined ? {} : { where }), hint: 'pick one with --platform os/arch[/variant]' },
  );
}

function isAttestation(d: Descriptor): boolean {
  return (
    (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown') ||
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
  );
}
