import { fileViewOf, type OpenSourceOptions, openSource } from '../sources/index.js';
import type { FileEntry, FileView, Image, Platform, Source } from '../sources/types.js';
import { ApkCataloger } from './apk/cataloger.js';
import type { Cataloger, CatalogFile } from './cataloger.js';
import { DpkgCataloger } from './dpkg/cataloger.js';
import { NpmInstalledCataloger } from './npm/installed-cataloger.js';
import { NpmLockCataloger } from './npm/lock-cataloger.js';
import { detectDistro, wantsOsRelease } from './os-release.js';
import type { CatalogWarning, Distro, Package } from './package.js';
import { PythonInstalledCataloger } from './python/installed-cataloger.js';
import { PythonLockCataloger } from './python/lock-cataloger.js';
import { RpmCataloger } from './rpm/cataloger.js';

/** Every cataloger, sorted by name. Adding one: its folder, its test, its line here. */
export const CATALOGERS: readonly Cataloger[] = [
  ApkCataloger,
  DpkgCataloger,
  NpmInstalledCataloger,
  NpmLockCataloger,
  PythonInstalledCataloger,
  PythonLockCataloger,
  RpmCataloger,
];

/** An inventory of what is installed in one image or directory. */
export interface Sbom {
  readonly target: string;
  readonly source: {
    readonly kind: string;
    readonly indexDigest?: string;
    readonly manifestDigest?: string;
    readonly configDigest?: string;
    readonly platform?: Platform;
    /** Each layer with the build step that made it (history `created_by`), bottom first. */
    readonly layers?: readonly { readonly digest: string; readonly createdBy?: string }[];
  };
  readonly distro: Distro | undefined;
  readonly packages: readonly Package[];
  readonly warnings: readonly CatalogWarning[];
}

export interface CatalogOptions {
  readonly catalogers?: readonly Cataloger[];
  /** Other files to read in the same pass (e.g. apt sources for the scan); returned in `extraFiles`. */
  readonly extraFiles?: (entry: FileEntry) => boolean;
}

/**
 * One streaming pass over the filesystem: each entry is offered to every cataloger's `required`;
 * only accepted files are read, then each cataloger parses its own files. A cataloger that throws
 * becomes a warning; the others still report.
 */
export async function catalogView(
  view: FileView,
  options: CatalogOptions = {},
): Promise<{
  distro: Distro | undefined;
  packages: Package[];
  warnings: CatalogWarning[];
  extraFiles: Map<string, Buffer>;
}> {
  const catalogers = options.catalogers ?? CATALOGERS;
  const perCataloger = catalogers.map(() => new Map<string, CatalogFile>());
  const osFiles = new Map<string, CatalogFile>();
  const extra = options.extraFiles;
  const extraFiles = new Map<string, Buffer>();
  const wanted = (entry: FileEntry) =>
    wantsOsRelease(entry) || catalogers.some((c) => c.required(entry)) || extra?.(entry) === true;
  await view.walk(wanted, (entry, content) => {
    if (content && extra?.(entry)) extraFiles.set(entry.path, content);
    const file: CatalogFile = content === undefined ? { entry } : { entry, content };
    if (wantsOsRelease(entry)) osFiles.set(entry.path, file);
    catalogers.forEach((c, i) => {
      if (c.required(entry)) perCataloger[i]?.set(entry.path, file);
    });
  });
  const distro = detectDistro(osFiles);
  const packages: Package[] = [];
  const warnings: CatalogWarning[] = [];
  for (const [i, cataloger] of catalogers.entries()) {
    const files = perCataloger[i] ?? new Map<string, CatalogFile>();
    if (files.size === 0) continue;
    try {
      const result = await cataloger.catalog({ files, distro });
      packages.push(...result.packages);
      warnings.push(...result.warnings);
    } catch (err) {
      warnings.push({
        path: [...files.keys()][0] ?? '',
        message: `${cataloger.name}: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  packages.sort(
    (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
  return { distro, packages, warnings, extraFiles };
}

/** Opens any target (registry ref, archive, layout, rootfs) and catalogs it. */
export async function catalogTarget(
  target: string,
  options: OpenSourceOptions & CatalogOptions & { platform?: Platform } = {},
): Promise<Sbom & { extraFiles: Map<string, Buffer> }> {
  const source = await openSource(target, options);
  const image: Image = await source.resolve(options.platform ? { platform: options.platform } : {});
  const result = await catalogView(fileViewOf(source, image), options);
  return { target: source.describe(), source: sbomSourceOf(source, image), ...result };
}

/** Where an SBOM's packages came from: the source kind, the digests and the layers with their build steps. */
export function sbomSourceOf(source: Source, image: Image): Sbom['source'] {
  const describe = source.describe();
  return {
    kind: describe.slice(0, describe.indexOf(':')),
    ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
    ...(image.manifestDigest ? { manifestDigest: image.manifestDigest } : {}),
    ...(image.configDigest ? { configDigest: image.configDigest } : {}),
    ...(image.platform ? { platform: image.platform } : {}),
    ...(image.layers.length > 0 ? { layers: layersWithSteps(image) } : {}),
  };
}

/** History entries that made a layer line up, in order, with the layers (empty_layer ones made none). */
function layersWithSteps(image: Image): { digest: string; createdBy?: string }[] {
  const steps = (image.config.history ?? []).filter((h) => h.empty_layer !== true);
  return image.layers.map((l, i) => {
    const createdBy = steps[i]?.created_by;
    return createdBy ? { digest: l.digest, createdBy } : { digest: l.digest };
  });
}
