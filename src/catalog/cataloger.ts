import type { FileEntry } from '../sources/types.js';
import type { CatalogWarning, Distro, Package } from './package.js';

/** A file a cataloger asked for, with its content when it is a regular file. */
export interface CatalogFile {
  readonly entry: FileEntry;
  readonly content?: Buffer;
}

/** What a cataloger sees: only the files it declared, plus the distro found in the same pass. */
export interface CatalogContext {
  /** Files whose entry `required` accepted, by path. */
  readonly files: ReadonlyMap<string, CatalogFile>;
  readonly distro: Distro | undefined;
}

export interface CatalogResult {
  readonly packages: readonly Package[];
  readonly warnings: readonly CatalogWarning[];
}

/**
 * One cataloger per ecosystem (Syft's model), declaring the paths it needs (Trivy's
 * `Required(path, info)`), so one streaming pass over the image reads only those files. A parse
 * error keeps the packages already found and becomes a warning naming the file.
 */
export interface Cataloger {
  /** `dpkg`, `apk`, `rpm`, `python-installed`, `python-lock`, `npm-installed`, `npm-lock`. */
  readonly name: string;
  /** Asked for every visible entry before any byte is read; keep it cheap (path tests). */
  required(entry: FileEntry): boolean;
  catalog(context: CatalogContext): CatalogResult | Promise<CatalogResult>;
}
