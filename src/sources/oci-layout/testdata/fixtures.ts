// Synthetic images for the sources tests: tars made with tar-stream, gzip with zlib, zstd with the
// zstd CLI, laid out as OCI layouts, OCI archives and docker-archives.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { openLayerStream } from '../../layer-stream.js';
import type { Descriptor, FileEntry, FileView, Image, ImageConfig, Layer, Platform } from '../../types.js';

/** Host paths for fixtures (node:path is banned under src/sources/). */
const join = (...parts: string[]): string => parts.join('/');

export interface TarSpec {
  readonly name: string;
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly content?: string | Buffer;
  readonly linkname?: string;
  readonly mode?: number;
  readonly uid?: number;
}

export async function makeTar(entries: readonly TarSpec[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(c);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const content = type === 'file' ? Buffer.from(e.content ?? '') : undefined;
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: e.name,
        type,
        mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
        uid: e.uid ?? 0,
        gid: 0,
        mtime: new Date(1700000000000),
        ...(e.linkname === undefined ? {} : { linkname: e.linkname }),
      };
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (content === undefined) p.entry(header, cb);
      else p.entry(header, content, cb);
    });
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const gzip = (b: Buffer): Buffer => gzipSync(b);
export const zstd = (b: Buffer): Buffer => execFileSync('zstd', ['-q', '-c', '-3'], { input: b, maxBuffer: 1 << 30 });
export const sha256 = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export const LAYER_TYPES = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
} as const;

/** Feeds `bytes` in small chunks, so the code under test sees a real stream. */
export function chunked(bytes: Buffer, size = 1000): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

export function memoryLayer(stored: Buffer, mediaType: string = LAYER_TYPES.none, digest = sha256(stored)): Layer {
  return {
    digest,
    mediaType,
    size: stored.length,
    open: async () => openLayerStream(chunked(stored, 4096), { digest, mediaType, size: stored.length }),
  };
}

export function memoryImage(layers: Layer[]): Image {
  return { source: 'test:memory', config: {}, layers };
}

export interface FixtureImage {
  readonly tag?: string;
  readonly platform?: Platform;
  /** Uncompressed layer tars, bottom first. */
  readonly layers: readonly Buffer[];
  readonly compression?: 'none' | 'gzip' | 'zstd';
  readonly config?: ImageConfig;
}

export interface WrittenImage {
  readonly manifest: Descriptor;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

/** Writes blobs for one image into `dir/blobs/sha256/` and returns its manifest descriptor. */
export function writeOciImage(dir: string, image: FixtureImage): WrittenImage {
  const compression = image.compression ?? 'gzip';
  const layers = image.layers.map((tar) => {
    const stored = compression === 'gzip' ? gzip(tar) : compression === 'zstd' ? zstd(tar) : tar;
    return { desc: writeBlob(dir, stored, LAYER_TYPES[compression]), diffId: sha256(tar) };
  });
  const platform = image.platform ?? { os: 'linux', architecture: 'amd64' };
  const config: ImageConfig = image.config ?? {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant === undefined ? {} : { variant: platform.variant }),
    config: { Cmd: ['sh'] },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
  };
  const configDesc = writeBlob(dir, Buffer.from(JSON.stringify(config)), 'application/vnd.oci.image.config.v1+json');
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: configDesc,
    layers: layers.map((l) => l.desc),
  };
  const manifestDesc = writeBlob(dir, Buffer.from(JSON.stringify(manifest)), manifest.mediaType);
  return { manifest: manifestDesc, config: configDesc, layers: layers.map((l) => l.desc) };
}

export function writeBlob(dir: string, bytes: Buffer, mediaType: string): Descriptor {
  const digest = sha256(bytes);
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  return { mediaType, digest, size: bytes.length };
}

export function writeIndex(dir: string, manifests: readonly Descriptor[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
}

export function tagged(desc: Descriptor, tag: string, platform?: Platform): Descriptor {
  return {
    ...desc,
    annotations: { 'org.opencontainers.image.ref.name': tag },
    ...(platform === undefined ? {} : { platform }),
  };
}

/** `tar -cf file -C dir .` (the way skopeo and people make OCI archives). */
export function tarDirectory(dir: string, file: string): void {
  execFileSync('tar', ['-cf', file, '-C', dir, '.']);
}

/** A `docker save`-style archive: `<hex>/layer.tar` members, `<hex>.json` configs, manifest.json. */
export async function writeDockerArchive(
  file: string,
  images: readonly { tags: readonly string[]; layers: readonly Buffer[]; config?: ImageConfig }[],
): Promise<{ configDigests: string[]; layerDigests: string[][] }> {
  const members: TarSpec[] = [];
  const manifest: { Config: string; RepoTags: readonly string[]; Layers: string[] }[] = [];
  const configDigests: string[] = [];
  const layerDigests: string[][] = [];
  const seen = new Set<string>();
  for (const image of images) {
    const digests = image.layers.map((l) => sha256(l));
    const config = image.config ?? {
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: digests },
    };
    const configBytes = Buffer.from(JSON.stringify(config));
    const configDigest = sha256(configBytes);
    const names = image.layers.map((l, i) => {
      // Classic docker save: a random-looking directory id (not the content digest) per layer.
      const id = createHash('sha256').update(`layer-id-${digests[i]}`).digest('hex');
      const name = `${id}/layer.tar`;
      if (!seen.has(name)) members.push({ name, content: l });
      seen.add(name);
      return name;
    });
    members.push({ name: `${configDigest.slice(7)}.json`, content: configBytes });
    manifest.push({ Config: `${configDigest.slice(7)}.json`, RepoTags: image.tags, Layers: names });
    configDigests.push(configDigest);
    layerDigests.push(digests);
  }
  members.push({ name: 'manifest.json', content: JSON.stringify(manifest) });
  writeFileSync(file, await makeTar(members));
  return { configDigests, layerDigests };
}

/** Drains a FileView walk into a path → (entry, content) map. */
export async function collect(
  view: FileView,
  required: (e: FileEntry) => boolean = () => false,
): Promise<Map<string, { entry: FileEntry; content?: Buffer }>> {
  const out = new Map<string, { entry: FileEntry; content?: Buffer }>();
  await view.walk(required, (entry, content) => {
    out.set(entry.path, content === undefined ? { entry } : { entry, content });
  });
  return out;
}
