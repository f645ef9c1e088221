import type { Namespace } from '../types.js';

/**
 * OSV ecosystem → drydock namespace: `PyPI` → `pypi`, `Go` → `go`, `Debian:12` → `debian:12`,
 * `Alpine:v3.19` → `alpine:3.19` (branches are numbered without the `v`), `Ubuntu:22.04:LTS` →
 * `ubuntu:22.04` (the LTS mark is not part of os-release's VERSION_ID), `Ubuntu:Pro:18.04:LTS` →
 * `ubuntu-pro:18.04`; anything else lower-cased with spaces as `-` (`Rocky Linux:9` → `rocky-linux:9`).
 * Undefined for an empty ecosystem.
 */
export function osvNamespace(ecosystem: string): Namespace | undefined {
  const parts = ecosystem.trim().split(':');
  const base = (parts[0] ?? '').trim().toLowerCase().replace(/\s+/g, '-');
  if (base === '') return undefined;
  const release = parts.slice(1).filter((p) => p !== '');
  if (base === 'alpine' && release[0] !== undefined) return `alpine:${release[0].replace(/^v/, '')}`;
  if (base === 'ubuntu') {
    const rest = release.filter((p) => p !== 'LTS');
    if (rest[0] === 'Pro') return rest[1] === undefined ? 'ubuntu-pro' : `ubuntu-pro:${rest[1]}`;
    return rest[0] === undefined ? 'ubuntu' : `ubuntu:${rest[0]}`;
  }
  return release.length === 0 ? base : `${base}:${release.join(':')}`;
}

/** PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** The package key advisories are filed under in this namespace. */
export function normalizePackageName(namespace: Namespace, name: string): string {
  return namespace === 'pypi' ? normalizePypiName(name) : name.trim();
}
