import { PackageURL } from 'packageurl-js';

/** PEP 503 for pypi names (the purl spec's own rule), lowercase for types whose names are case-insensitive. */
function canonicalName(type: string, name: string): string {
  if (type === 'pypi') return name.replace(/[-_.]+/g, '-').toLowerCase();
  if (type === 'deb' || type === 'apk' || type === 'npm' || type === 'rpm') return name.toLowerCase();
  return name;
}

function parse(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

/**
 * Does a purl from a policy (VEX product, ignore scope) name this package? Type, namespace and name must
 * be equal; the version only when the pattern has one; every qualifier the pattern gives must be equal
 * (so `pkg:deb/debian/openssl` covers all architectures, `?arch=amd64` only that one).
 */
export function purlMatches(pattern: string, purl: string): boolean {
  const p = parse(pattern);
  const q = parse(purl);
  if (!p || !q) return false;
  if (p.type.toLowerCase() !== q.type.toLowerCase()) return false;
  if ((p.namespace ?? '').toLowerCase() !== (q.namespace ?? '').toLowerCase()) return false;
  if (canonicalName(p.type, p.name) !== canonicalName(q.type, q.name)) return false;
  if (p.version && p.version !== q.version) return false;
  for (const [key, value] of Object.entries(p.qualifiers ?? {})) {
    if (q.qualifiers?.[key] !== value) return false;
  }
  return true;
}
