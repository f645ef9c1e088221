import { PackageURL } from 'packageurl-js';
import type { Distro, PackageType } from './package.js';

/** purl namespaces per ecosystem; OS packages use the distro id (`pkg:deb/debian/…`). */
export interface PurlInput {
  readonly type: PackageType;
  readonly name: string;
  readonly version: string;
  readonly distro?: Distro;
  readonly arch?: string;
  /** `upstream=` qualifier (source package). */
  readonly upstream?: string;
  readonly epoch?: number;
  /** npm scope (`@babel`), without the name. */
  readonly namespace?: string;
}

/** The one place purls are built (packageurl-js does the encoding). */
export function buildPurl(input: PurlInput): string {
  const qualifiers: Record<string, string> = {};
  if (input.arch) qualifiers.arch = input.arch;
  if (input.distro && (input.type === 'deb' || input.type === 'apk' || input.type === 'rpm')) {
    qualifiers.distro = input.distro.versionId ? `${input.distro.id}-${input.distro.versionId}` : input.distro.id;
  }
  if (input.epoch !== undefined && input.epoch !== 0) qualifiers.epoch = String(input.epoch);
  if (input.upstream) qualifiers.upstream = input.upstream;
  let namespace: string | undefined;
  let name = input.name;
  switch (input.type) {
    case 'deb':
    case 'rpm':
    case 'apk':
      namespace = input.distro?.id ?? (input.type === 'deb' ? 'debian' : input.type === 'apk' ? 'alpine' : undefined);
      break;
    case 'python':
      // PEP 503 normalisation, as the purl spec asks for pypi.
      name = input.name.toLowerCase().replace(/[-_.]+/g, '-');
      break;
    case 'npm':
      namespace = input.namespace;
      break;
  }
  const purlType = input.type === 'python' ? 'pypi' : input.type;
  return new PackageURL(
    purlType,
    namespace,
    name,
    input.version,
    Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
    undefined,
  ).toString();
}
