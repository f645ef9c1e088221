import type { CatalogFile } from '../cataloger.js';
import type { Distro, Package, PackageMetadata } from '../package.js';
import { buildPurl } from '../purl.js';
import { type RpmHeader, splitSourceRpm } from './parse-header.js';

export const RPM_CATALOGER_NAME = 'rpm';

/**
 * One installed rpm as a Package: version is `VERSION-RELEASE` (how rpm prints it, without the
 * epoch), the epoch goes to metadata and the purl qualifier, the source package comes from the
 * SRPM file name (vulnerability data is filed per source package).
 */
export function newRpmPackage(header: RpmHeader, file: CatalogFile, distro: Distro | undefined): Package {
  const version = `${header.version}-${header.release}`;
  const source = header.sourceRpm ? splitSourceRpm(header.sourceRpm) : undefined;
  const metadata: PackageMetadata = {
    release: header.release,
    ...(header.arch ? { arch: header.arch } : {}),
    ...(header.epoch !== undefined ? { epoch: header.epoch } : {}),
    ...(source ? { sourceName: source.name } : {}),
    ...(source?.version && source.version !== version ? { sourceVersion: source.version } : {}),
    ...(header.size !== undefined ? { installedSize: header.size } : {}),
    ...(header.license ? { licenses: [header.license] } : {}),
  };
  return {
    type: 'rpm',
    name: header.name,
    version,
    purl: buildPurl({
      type: 'rpm',
      name: header.name,
      version,
      ...(distro ? { distro } : {}),
      ...(header.arch ? { arch: header.arch } : {}),
      ...(header.epoch !== undefined ? { epoch: header.epoch } : {}),
    }),
    foundBy: RPM_CATALOGER_NAME,
    locations: [file.entry.layer ? { path: file.entry.path, layer: file.entry.layer } : { path: file.entry.path }],
    metadata,
  };
}
