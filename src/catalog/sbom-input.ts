import { readFileSync } from 'node:fs';
import { PackageURL } from 'packageurl-js';
import { DrydockError } from '../core/errors.js';
import type { Sbom } from './index.js';
import type { Distro, Package, PackageMetadata, PackageType } from './package.js';

/**
 * An SBOM file as scan input: drydock's own JSON (lossless), CycloneDX or SPDX JSON (packages rebuilt
 * from their purls: type, name, version, arch, `upstream=` source package, `distro=` release).
 */
export function readSbomFile(path: string): Sbom {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new DrydockError('input', `not a JSON SBOM: ${err instanceof Error ? err.message : String(err)}`, {
      where: path,
    });
  }
  if (doc.schemaVersion === 1 && Array.isArray(doc.packages) && typeof doc.target === 'string')
    return drydockSbom(doc, path);
  if (doc.bomFormat === 'CycloneDX') {
    const components = (doc.components as { purl?: string }[] | undefined) ?? [];
    return fromPurls(
      path,
      components.flatMap((c) => (c.purl ? [c.purl] : [])),
    );
  }
  if (typeof doc.spdxVersion === 'string') {
    const packages =
      (doc.packages as { externalRefs?: { referenceType?: string; referenceLocator?: string }[] }[] | undefined) ?? [];
    return fromPurls(
      path,
      packages.flatMap((p) =>
        (p.externalRefs ?? []).filter((r) => r.referenceType === 'purl').map((r) => r.referenceLocator ?? ''),
      ),
    );
  }
  throw new DrydockError('input', 'neither a drydock, CycloneDX nor SPDX JSON document', { where: path });
}

function drydockSbom(doc: Record<string, unknown>, path: string): Sbom {
  return {
    target: `sbom:${path}`,
    source: (doc.source as Sbom['source'] | undefined) ?? { kind: 'sbom' },
    distro: (doc.distro as Distro | null | undefined) ?? undefined,
    packages: doc.packages as Package[],
    warnings: [],
  };
}

const TYPES: Readonly<Record<string, PackageType>> = { deb: 'deb', apk: 'apk', rpm: 'rpm', pypi: 'python', npm: 'npm' };

function fromPurls(path: string, purls: readonly string[]): Sbom {
  const packages: Package[] = [];
  const warnings: { path: string; message: string }[] = [];
  let distro: Distro | undefined;
  for (const text of purls) {
    let purl: PackageURL;
    try {
      purl = PackageURL.fromString(text);
    } catch {
      warnings.push({ path, message: `unreadable purl ${text}` });
      continue;
    }
    const type = TYPES[purl.type];
    if (!type || !purl.version) continue;
    const q = (purl.qualifiers ?? {}) as Record<string, string>;
    const metadata: { -readonly [K in keyof PackageMetadata]: PackageMetadata[K] } = {};
    if (q.arch) metadata.arch = q.arch;
    if (q.upstream) {
      const [sourceName, sourceVersion] = q.upstream.split('@');
      if (sourceName) metadata.sourceName = sourceName;
      if (sourceVersion) metadata.sourceVersion = sourceVersion;
    }
    let version = purl.version;
    if (q.epoch && type === 'rpm') metadata.epoch = Number(q.epoch);
    // Trivy writes a Debian epoch as a qualifier; dpkg order needs it in the version.
    if (q.epoch && type === 'deb' && !version.includes(':')) version = `${q.epoch}:${version}`;
    if (!distro && q.distro && (type === 'deb' || type === 'apk' || type === 'rpm'))
      distro = distroOf(q.distro, purl.namespace);
    const name = type === 'npm' && purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name;
    packages.push({ type, name, version, purl: text, foundBy: 'sbom', locations: [{ path }], metadata });
  }
  return { target: `sbom:${path}`, source: { kind: 'sbom' }, distro, packages, warnings };
}

/** `debian-12` → debian 12; `bookworm` style names are left to the namespace mapping. */
function distroOf(qualifier: string, namespace: string | undefined): Distro {
  const m = /^([a-z][a-z-]*?)-(\d[\w.]*)$/.exec(qualifier);
  if (m?.[1] && m[2]) return { id: m[1], versionId: m[2] };
  return { id: namespace ?? qualifier };
}
