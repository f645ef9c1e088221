import type { FileEntry } from '../../sources/types.js';
import type { CatalogContext, Cataloger, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Distro, Package, PackageMetadata } from '../package.js';
import { buildPurl } from '../purl.js';
import { type ApkEntry, parseApkInstalled } from './parse-installed.js';

const NAME = 'apk';
const INSTALLED = 'lib/apk/db/installed';

export interface ApkCatalogerOptions {
  /** Also record each package's files (`F:`/`R:` lines) in `metadata.files`. Off by default. */
  readonly fileLists?: boolean;
}

export function purlFor(entry: ApkEntry, distro: Distro | undefined): string {
  return buildPurl({
    type: 'apk',
    name: entry.name,
    version: entry.version,
    ...(distro ? { distro } : {}),
    ...(entry.arch ? { arch: entry.arch } : {}),
    // Like dpkg: the source package is named only when it differs from the binary's name.
    ...(entry.origin !== entry.name ? { upstream: entry.origin } : {}),
  });
}

function toPackage(entry: ApkEntry, file: FileEntry, distro: Distro | undefined): Package {
  const metadata: PackageMetadata = {
    sourceName: entry.origin,
    ...(entry.arch ? { arch: entry.arch } : {}),
    ...(entry.installedSize !== undefined ? { installedSize: entry.installedSize } : {}),
    ...(entry.maintainer ? { maintainer: entry.maintainer } : {}),
    ...(entry.license ? { licenses: [entry.license] } : {}),
    ...(entry.files ? { files: entry.files } : {}),
  };
  return {
    type: 'apk',
    name: entry.name,
    version: entry.version,
    purl: purlFor(entry, distro),
    foundBy: NAME,
    locations: [{ path: file.path, ...(file.layer ? { layer: file.layer } : {}) }],
    metadata,
  };
}

/** Alpine's (and Wolfi's, Chainguard's) installed packages from `lib/apk/db/installed`. */
export function createApkCataloger(options: ApkCatalogerOptions = {}): Cataloger {
  return {
    name: NAME,
    required(entry) {
      return entry.path === INSTALLED && (entry.type === 'file' || entry.type === 'hardlink');
    },
    catalog({ files, distro }: CatalogContext): CatalogResult {
      const packages: Package[] = [];
      const warnings: CatalogWarning[] = [];
      for (const file of files.values()) {
        if (file.content === undefined) continue;
        const result = parseApkInstalled(file.content, { fileLists: options.fileLists ?? false });
        for (const issue of result.issues) {
          warnings.push({ path: file.entry.path, line: issue.line, message: `${NAME}: ${issue.message}` });
        }
        for (const entry of result.entries) packages.push(toPackage(entry, file.entry, distro));
      }
      return { packages, warnings };
    },
  };
}

/** The default apk cataloger (no file lists). */
export const ApkCataloger: Cataloger = createApkCataloger();
