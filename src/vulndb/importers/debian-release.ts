import type { Namespace } from '../types.js';

/**
 * Debian codenames → major versions (distro-info-data), so tracker data filed by codename lands in the
 * namespace the matcher derives from os-release (`debian:12`). Unstable has no number.
 */
const CODENAMES: Readonly<Record<string, string>> = {
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  duke: '15',
};

export const DEBIAN_UNSTABLE: Namespace = 'debian:unstable';

/** `bookworm` → `debian:12`, `sid` → `debian:unstable`; `extra` adds codenames from a distributions.json. */
export function debianNamespace(codename: string, extra?: ReadonlyMap<string, string>): Namespace | undefined {
  const name = codename.trim().toLowerCase();
  if (name === 'sid' || name === 'unstable') return DEBIAN_UNSTABLE;
  const major = CODENAMES[name] ?? extra?.get(name);
  return major === undefined || major === '' ? undefined : `debian:${major}`;
}

/** Every numbered release known (built in plus `extra`): where an unstable-only tracker line also applies. */
export function debianReleases(extra?: ReadonlyMap<string, string>): string[] {
  const names = new Set([...Object.keys(CODENAMES), ...(extra?.keys() ?? [])]);
  return [...names].filter((n) => debianNamespace(n, extra) !== undefined && n !== 'sid');
}
