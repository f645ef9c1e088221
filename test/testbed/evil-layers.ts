import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run } from './exec.js';
import { FIXED_MTIME, packTar, type TarEntry } from './tar.js';

/**
 * Crafted layers for the hostile-input tests of the layer reader and the squashed file view:
 * path traversal, absolute names, escaping symlinks and hardlinks, whiteouts, overwrites. Each is a
 * real tar (tar-stream, names kept verbatim), gzip-compressed by default, with its digests; and a
 * helper writes any stack of them as an OCI layout the tests open as `oci-dir:DIR:tag`.
 */

export type { TarEntry } from './tar.js';

export type LayerCompression = 'gzip' | 'zstd' | 'none';

export interface BuiltLayer {
  readonly entries: readonly TarEntry[];
  /** The uncompressed tar. */
  readonly tar: Buffer;
  /** sha256 of `tar` (the config's rootfs.diff_ids entry). */
  readonly diffId: string;
  /** The stored blob (compressed per `compression`). */
  readonly blob: Buffer;
  /** sha256 of `blob` (the manifest's layer digest). */
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;
  readonly compression: LayerCompression;
}

const MEDIA_TYPES: Record<LayerCompression, string> = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
};

export function sha256(b: Buffer): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

/** Packs `entries` into a layer blob (gzip level 9 by default, or zstd via the `zstd` tool, or plain tar). */
export async function buildLayer(
  entries: readonly TarEntry[],
  compression: LayerCompression = 'gzip',
): Promise<BuiltLayer> {
  const tar = await packTar(entries);
  const blob =
    compression === 'gzip'
      ? gzipSync(tar, { level: 9 })
      : compression === 'zstd'
        ? (await run('zstd', ['-q', '-c', '-19'], { input: tar })).stdout
        : tar;
  return {
    entries,
    tar,
    diffId: sha256(tar),
    blob,
    digest: sha256(blob),
    size: blob.length,
    mediaType: MEDIA_TYPES[compression],
    compression,
  };
}

/**
 * The crafted entry lists. A reader must never write or resolve outside the image root for any of
 * them; what it should report is up to the reader's contract.
 */
export const EVIL_ENTRIES = {
  /** `../../etc/passwd`: classic tar path traversal (plus a harmless sibling to show the rest still reads). */
  pathTraversal: [
    { name: 'ok.txt', content: 'fine\n' },
    { name: '../../etc/passwd', content: 'evil:x:0:0::/root:/bin/sh\n' },
    { name: 'a/../../b', content: 'evil\n' },
  ],
  /** Absolute member names (GNU tar strips the slash; a naive extractor writes to the host). */
  absolutePath: [
    { name: '/abs/path', content: 'absolute\n' },
    { name: '/etc/cron.d/evil', content: '* * * * * root sh\n' },
  ],
  /** Symlinks pointing out of the root: absolute and relative. */
  symlinkEscape: [
    { name: 'etc/', type: 'directory' },
    { name: 'etc/shadow', type: 'symlink', linkname: '/etc/shadow' },
    { name: 'x', type: 'symlink', linkname: '../../../../etc' },
  ],
  /** A symlink to outside followed by a file written through it (`x/passwd` lands in the host's /etc). */
  symlinkWriteThrough: [
    { name: 'x', type: 'symlink', linkname: '../../../../etc' },
    { name: 'x/passwd', content: 'evil:x:0:0::/root:/bin/sh\n' },
  ],
  /** Hardlinks whose targets leave the root or are absolute. */
  hardlinkEscape: [
    { name: 'etc/', type: 'directory' },
    { name: 'etc/passwd-link', type: 'link', linkname: '../../etc/passwd' },
    { name: 'abs-link', type: 'link', linkname: '/etc/passwd' },
  ],
  /** A lower layer for the whiteout and overwrite cases. */
  base: [
    { name: 'etc/', type: 'directory' },
    { name: 'etc/motd', content: 'one\n' },
    { name: 'etc/removed', content: 'removed by a whiteout\n' },
    { name: 'opaque/', type: 'directory' },
    { name: 'opaque/old-a', content: 'a\n' },
    { name: 'opaque/old-b', content: 'b\n' },
    { name: 'keep/', type: 'directory' },
    { name: 'keep/kept', content: 'kept\n' },
  ],
  /** On top of `base`: `.wh.removed` deletes etc/removed, `.wh..wh..opq` empties opaque/ (new-c stays). */
  whiteouts: [
    { name: 'etc/', type: 'directory' },
    { name: 'etc/.wh.removed', content: '' },
    { name: 'opaque/', type: 'directory' },
    { name: 'opaque/.wh..wh..opq', content: '' },
    { name: 'opaque/new-c', content: 'c\n' },
  ],
  /** On top of `base`: etc/motd rewritten ("two"), so the file view must show the upper copy. */
  overwrite: [{ name: 'etc/motd', content: 'two\n', mode: 0o600 }],
} as const satisfies Record<string, readonly TarEntry[]>;

export type EvilLayerName = keyof typeof EVIL_ENTRIES;

/** Every crafted layer, built with the given compression. */
export async function buildEvilLayers(
  compression: LayerCompression = 'gzip',
): Promise<Record<EvilLayerName, BuiltLayer>> {
  const names = Object.keys(EVIL_ENTRIES) as EvilLayerName[];
  const built = await Promise.all(names.map((n) => buildLayer(EVIL_ENTRIES[n], compression)));
  return Object.fromEntries(names.map((n, i) => [n, built[i]])) as Record<EvilLayerName, BuiltLayer>;
}

export interface LayoutOptions {
  /** ref.name annotation in index.json (default `latest`). */
  readonly tag?: string;
  readonly architecture?: string;
  readonly os?: string;
  /** Extra image config (`config.User`, `Env`, …). */
  readonly config?: Record<string, unknown>;
  /** `created_by` of each layer's history entry (default: a testbed marker). */
  readonly createdBy?: readonly string[];
}

export interface WrittenLayout {
  readonly dir: string;
  readonly tag: string;
  /** `oci-dir:${dir}:${tag}` (drydock's source syntax). */
  readonly ref: string;
  readonly manifestDigest: string;
  readonly configDigest: string;
  readonly layerDigests: readonly string[];
}

/**
 * Writes `layers` (bottom first) as an OCI image layout: oci-layout, index.json (one tagged
 * manifest), blobs/sha256/* (config, manifest, layers). `dir` is created if needed.
 */
export async function writeOciLayout(
  dir: string,
  layers: readonly BuiltLayer[],
  options: LayoutOptions = {},
): Promise<WrittenLayout> {
  const tag = options.tag ?? 'latest';
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const put = async (b: Buffer) => {
    const d = sha256(b);
    await writeFile(join(blobs, d.slice('sha256:'.length)), b);
    return d;
  };
  for (const l of layers) await put(l.blob);
  const created = FIXED_MTIME.toISOString();
  const config = Buffer.from(
    JSON.stringify({
      created,
      architecture: options.architecture ?? 'amd64',
      os: options.os ?? 'linux',
      config: options.config ?? {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((_, i) => ({ created, created_by: options.createdBy?.[i] ?? 'drydock testbed evil-layers' })),
    }),
  );
  const configDigest = await put(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    }),
  );
  const manifestDigest = await put(manifest);
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifestDigest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  );
  return {
    dir,
    tag,
    ref: `oci-dir:${dir}:${tag}`,
    manifestDigest,
    configDigest,
    layerDigests: layers.map((l) => l.digest),
  };
}
