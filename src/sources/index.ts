import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { DrydockError } from '../core/errors.js';
import { joinHostPath } from '../core/host-path.js';
import type { BlobCache } from './blob-cache.js';
import { DockerArchiveSource } from './docker-archive/docker-archive.js';
import { squash } from './file-view.js';
import { OciArchiveSource } from './oci-archive/oci-archive.js';
import { OciLayoutSource } from './oci-layout/oci-layout.js';
import type { ProgressCallback } from './registry/client.js';
import { RegistrySource } from './registry/registry-source.js';
import { DirSource } from './rootfs/rootfs.js';
import { TarIndex } from './tar-index.js';
import type { FileView, Image, Platform, Source } from './types.js';

export { BlobCache } from './blob-cache.js';
export { RegistryClient } from './registry/client.js';
export { parseRegistryReference } from './registry/reference.js';
export type { FileEntry, FileView, Image, Layer, Platform, Required, Source } from './types.js';
export { DirSource, DockerArchiveSource, OciArchiveSource, OciLayoutSource, RegistrySource };

export interface OpenSourceOptions {
  /** Registries that may be spoken to over plain HTTP (localhost and 127.0.0.0/8 always may). */
  readonly insecureRegistries?: readonly string[];
  readonly onProgress?: ProgressCallback | undefined;
  readonly cache?: BlobCache;
}

/** Prefix → how to open it. Adding a source is one entry here plus its folder. */
const PREFIXES: Readonly<Record<string, (spec: string, options: OpenSourceOptions) => Source>> = {
  'docker-archive': (spec) => DockerArchiveSource.parse(spec),
  'oci-archive': (spec) => OciArchiveSource.parse(spec),
  'oci-dir': (spec) => OciLayoutSource.parse(spec),
  dir: (spec) => new DirSource(spec),
  registry: (spec, options) => registrySource(spec, options),
};

/**
 * Opens an image by name: `PREFIX:rest` for an explicit kind, otherwise an existing path is
 * recognised by its content (an OCI layout directory, a rootfs directory, a `docker save` or OCI
 * archive tar) and anything else is a registry reference.
 */
export async function openSource(target: string, options: OpenSourceOptions = {}): Promise<Source> {
  const colon = target.indexOf(':');
  if (colon > 0) {
    const open = PREFIXES[target.slice(0, colon)];
    if (open) {
      const rest = target.slice(colon + 1);
      if (rest === '') throw new DrydockError('usage', `nothing after "${target}"`);
      return open(rest, options);
    }
  }
  if (existsSync(target)) return detectLocal(target);
  return registrySource(target, options);
}

function registrySource(reference: string, options: OpenSourceOptions): RegistrySource {
  return new RegistrySource(reference, {
    insecureRegistries: options.insecureRegistries ?? [],
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
}

async function detectLocal(path: string): Promise<Source> {
  if (statSync(path).isDirectory()) {
    return existsSync(joinHostPath(path, 'oci-layout')) ? new OciLayoutSource(path) : new DirSource(path);
  }
  if (isGzip(path)) return new DockerArchiveSource(path);
  const names = new Set((await TarIndex.open(path)).names());
  if (names.has('oci-layout') || names.has('./oci-layout')) return new OciArchiveSource(path);
  if (names.has('manifest.json') || names.has('./manifest.json')) return new DockerArchiveSource(path);
  throw new DrydockError('input', 'neither a docker-archive (manifest.json) nor an OCI archive (oci-layout)', {
    where: path,
    hint: 'name the kind: docker-archive:FILE, oci-archive:FILE, oci-dir:DIR or dir:PATH',
  });
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The final filesystem of a resolved image; a `dir:` rootfs is read from disk directly. */
export function fileViewOf(source: Source, image: Image): FileView {
  return source instanceof DirSource ? source.view() : squash(image);
}

/**
 * `drydock image save`: copies a registry image into an OCI layout directory, blobs verified on the
 * way (they come from the shared cache). The index (or manifest) is stored with its exact bytes so
 * its digest is unchanged; `index.json` names it with the reference's tag. Written into a temp
 * directory beside the target's blobs and renamed, so an interrupted save leaves no half layout.
 */
export async function saveImage(
  target: string,
  dir: string,
  options: OpenSourceOptions & { platform?: Platform; allPlatforms?: boolean } = {},
): Promise<{ manifestDigest: string; blobs: number }> {
  const source = await openSource(target, options);
  if (!(source instanceof RegistrySource)) {
    throw new DrydockError(
      'usage',
      'image save copies from a registry; local archives and layouts are already portable',
      {
        where: target,
      },
    );
  }
  const fetched = await source.fetchManifestAndBlobs({
    ...(options.allPlatforms ? { platforms: 'all' as const } : options.platform ? { platform: options.platform } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const blobsDir = joinHostPath(dir, 'blobs', 'sha256');
  mkdirSync(blobsDir, { recursive: true });
  const put = (digest: string, write: (tmp: string) => void) => {
    const final = joinHostPath(blobsDir, digest.slice('sha256:'.length));
    if (existsSync(final)) return;
    const tmp = `${final}.partial`;
    write(tmp);
    renameSync(tmp, final);
  };
  for (const b of fetched.blobs) put(b.digest, (tmp) => copyFileSync(fetched.blobPath(b.digest), tmp));
  const saved = options.allPlatforms || fetched.manifests.length !== 1 ? [fetched.top] : fetched.manifests;
  for (const m of fetched.manifests) put(m.digest, (tmp) => writeFileSync(tmp, m.bytes));
  if (options.allPlatforms) put(fetched.top.digest, (tmp) => writeFileSync(tmp, fetched.top.bytes));
  const ref = fetched.reference;
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: saved.map((m) => ({
      mediaType: m.mediaType,
      digest: m.digest,
      size: m.bytes.length,
      annotations: { 'org.opencontainers.image.ref.name': ref.tag ?? 'latest' },
    })),
  };
  writeAtomic(joinHostPath(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeAtomic(joinHostPath(dir, 'index.json'), JSON.stringify(index));
  return { manifestDigest: saved[0]?.digest ?? '', blobs: fetched.blobs.length };
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.partial`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
