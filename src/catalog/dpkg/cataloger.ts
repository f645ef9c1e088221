import type { FileEntry } from '../../sources/types.js';
import type { CatalogContext, Cataloger, CatalogFile, CatalogResult } from '../cataloger.js';
import type { CatalogWarning, Distro, Package, PackageMetadata } from '../package.js';
import { buildPurl } from '../purl.js';
import { type DpkgEntry, parseDpkgStatus, parseFileList } from './parse-status.js';

const NAME = 'dpkg';
const STATUS = 'var/lib/dpkg/status';
const STATUS_D = 'var/lib/dpkg/status.d/';
const INFO = 'var/lib/dpkg/info/';

export interface DpkgCatalogerOptions {
  /**
   * Also read `var/lib/dpkg/info/<pkg>[:arch].list` into `metadata.files`. Off by default: an
   * image has one such file per package (thousands), all of which would be read.
   */
  readonly fileLists?: boolean;
}

function isRegular(entry: FileEntry): boolean {
  return entry.type === 'file' || entry.type === 'hardlink';
}

/** A direct child of status.d (distroless: one file per package); `.md5sums` there are checksums. */
function isStatusD(path: string): boolean {
  return path.startsWith(STATUS_D) && !path.includes('/', STATUS_D.length) && !path.endsWith('.md5sums');
}

function isFileList(path: string): boolean {
  return path.startsWith(INFO) && path.endsWith('.list') && !path.includes('/', INFO.length);
}

export function purlFor(entry: DpkgEntry, distro: Distro | undefined): string {
  // Syft's convention: upstream names the source package when it differs, `@version` when that does too.
  const upstream =
    entry.sourceName !== entry.name || entry.sourceVersion
      ? entry.sourceVersion
        ? `${entry.sourceName}@${entry.sourceVersion}`
        : entry.sourceName
      : undefined;
  return buildPurl({
    type: 'deb',
    name: entry.name,
    version: entry.version,
    ...(distro ? { distro } : {}),
    ...(entry.arch ? { arch: entry.arch } : {}),
    ...(upstream ? { upstream } : {}),
  });
}

function toPackage(entry: DpkgEntry, file: CatalogFile, distro: Distro | undefined, files?: string[]): Package {
  const metadata: PackageMetadata = {
    sourceName: entry.sourceName,
    ...(entry.arch ? { arch: entry.arch } : {}),
    ...(entry.sourceVersion ? { sourceVersion: entry.sourceVersion } : {}),
    ...(entry.installedSize !== undefined ? { installedSize: entry.installedSize } : {}),
    ...(entry.maintainer ? { maintainer: entry.maintainer } : {}),
    ...(files ? { files } : {}),
  };
  return {
    type: 'deb',
    name: entry.name,
    version: entry.version,
    purl: purlFor(entry, distro),
    foundBy: NAME,
    locations: [{ path: file.entry.path, ...(file.entry.layer ? { layer: file.entry.layer } : {}) }],
    metadata,
  };
}

/** The `.list` of a package: `name:arch.list` for Multi-Arch: same packages, else `name.list`. */
function fileListOf(entry: DpkgEntry, lists: ReadonlyMap<string, CatalogFile>): string[] | undefined {
  const candidates = entry.arch ? [`${entry.name}:${entry.arch}.list`, `${entry.name}.list`] : [`${entry.name}.list`];
  for (const name of candidates) {
    const content = lists.get(INFO + name)?.content;
    if (content) return parseFileList(content);
  }
  return undefined;
}

/** dpkg's installed packages: the status file, distroless status.d files, optionally file lists. */
export function createDpkgCataloger(options: DpkgCatalogerOptions = {}): Cataloger {
  const fileLists = options.fileLists ?? false;
  return {
    name: NAME,
    required(entry) {
      if (!isRegular(entry)) return false;
      return entry.path === STATUS || isStatusD(entry.path) || (fileLists && isFileList(entry.path));
    },
    catalog({ files, distro }: CatalogContext): CatalogResult {
      const packages: Package[] = [];
      const warnings: CatalogWarning[] = [];
      const lists = new Map<string, CatalogFile>();
      const databases: CatalogFile[] = [];
      for (const file of files.values()) {
        if (isFileList(file.entry.path)) lists.set(file.entry.path, file);
        else databases.push(file);
      }
      // The status file first, then status.d in name order: a stable package order per file.
      databases.sort((a, b) =>
        a.entry.path === STATUS ? -1 : b.entry.path === STATUS ? 1 : a.entry.path.localeCompare(b.entry.path),
      );
      for (const file of databases) {
        if (file.content === undefined) continue;
        const result = parseDpkgStatus(file.content, { missingStatusMeansInstalled: file.entry.path !== STATUS });
        for (const issue of result.issues) {
          warnings.push({ path: file.entry.path, line: issue.line, message: `${NAME}: ${issue.message}` });
        }
        for (const entry of result.entries) {
          packages.push(toPackage(entry, file, distro, fileLists ? fileListOf(entry, lists) : undefined));
        }
      }
      return { packages, warnings };
    },
  };
}

/** The default dpkg cataloger (no file lists). */
export const DpkgCataloger: Cataloger = createDpkgCataloger();
