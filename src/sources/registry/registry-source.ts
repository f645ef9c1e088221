import type { Readable } from 'node:stream';
import { DrydockError } from '../../core/errors.js';
import { openLayerStream } from '../layer-stream.js';
import { hostPlatform, normalizePlatform, selectManifest } from '../platform.js';
import type { Descriptor, Image, ImageConfig, Layer, Platform, ResolveOptions, Source } from '../types.js';
import { type FetchedManifest, type ProgressCallback, RegistryClient, type RegistryClientOptions } from './client.js';
import { isIndexMediaType } from './media-types.js';
import { parseRegistryReference, type RegistryReference, withDigest } from './reference.js';

export interface RegistrySourceOptions extends RegistryClientOptions {
  /** Share one client (token cache, connection pool, download limit) between sources. */
  readonly client?: RegistryClient;
}

/** An Image from a registry, with what `drydock image save` and progress bars need on top. */
export interface RegistryImage extends Image {
  readonly reference: RegistryReference;
  /** Downloads every layer into the cache (bounded concurrency); `open()` then reads locally. */
  fetchLayers(onProgress?: ProgressCallback): Promise<void>;
}

/** One platform image: its manifest's exact bytes, the config and layer descriptors. */
export interface SavedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly platform?: Platform;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

/**
 * Everything needed to write an OCI layout: the top-level index or manifest as served (bytes and
 * media type, so its digest is unchanged), each chosen platform manifest, and every blob (config
 * and layers) verified in the cache at `blobPath(digest)`.
 */
export interface FetchedImage {
  readonly reference: RegistryReference;
  /** What the reference points at: an index/list or a single manifest. */
  readonly top: { readonly digest: string; readonly mediaType: string; readonly bytes: Buffer };
  /** The platform manifests fetched (one unless `platforms: 'all'`). */
  readonly manifests: readonly SavedManifest[];
  /** Distinct blobs (configs and layers), all in the cache. */
  readonly blobs: readonly Descriptor[];
  blobPath(digest: string): string;
}

/**
 * `registry:` source: pulls an image's manifest and config from an OCI Distribution registry;
 * layers are downloaded into the blob cache on first `open()` (or `fetchLayers()`), verified, and
 * served from there, so a second resolve of the same image downloads nothing but one HEAD for a tag.
 */
export class RegistrySource implements Source {
  readonly reference: RegistryReference;
  readonly client: RegistryClient;

  constructor(reference: string | RegistryReference, options: RegistrySourceOptions = {}) {
    this.reference = typeof reference === 'string' ? parseRegistryReference(reference) : reference;
    this.client = options.client ?? new RegistryClient(options);
  }

  describe(): string {
    return `registry:${this.reference.canonical}`;
  }

  async resolve(options: ResolveOptions = {}): Promise<RegistryImage> {
    const ref = this.reference;
    const wanted = normalizePlatform(options.platform ?? hostPlatform());
    const top = await this.client.getManifestCached(ref);
    let manifest: FetchedManifest = top;
    let indexDigest: string | undefined;
    let platform: Platform | undefined;
    if (isIndexMediaType(top.mediaType)) {
      indexDigest = top.digest;
      const chosen = selectManifest({ manifests: top.json.manifests ?? [] }, wanted, ref.familiar);
      platform = chosen.platform;
      manifest = await this.client.getManifestCached(withDigest(ref, chosen.digest));
      if (isIndexMediaType(manifest.mediaType)) {
        throw new DrydockError('input', `nested index ${chosen.digest} is not supported`, { where: ref.familiar });
      }
    }
    const configDesc = manifest.json.config as Descriptor;
    const config = parseConfig(await this.client.readBlob(ref, configDesc), ref.familiar);
    if (platform === undefined && config.architecture !== undefined && config.os !== undefined) {
      platform = normalizePlatform({
        os: config.os,
        architecture: config.architecture,
        ...(config.variant === undefined ? {} : { variant: config.variant }),
      });
      // A single-platform image for another platform still resolves (as Docker pulls it), but say so
      // only through `platform`: callers decide whether a mismatch matters.
    }
    const diffIds = config.rootfs?.diff_ids ?? [];
    const layerDescs = manifest.json.layers ?? [];
    if (diffIds.length > 0 && diffIds.length !== layerDescs.length) {
      throw new DrydockError(
        'input',
        `manifest lists ${layerDescs.length} layers but the config has ${diffIds.length} diff_ids`,
        { where: ref.familiar },
      );
    }
    const client = this.client;
    const layers: Layer[] = layerDescs.map((d, i) => {
      const diffId = diffIds[i];
      return {
        digest: d.digest,
        ...(diffId === undefined ? {} : { diffId }),
        mediaType: d.mediaType,
        size: d.size,
        async open(): Promise<Readable> {
          await client.fetchBlob(ref, d);
          return openLayerStream(client.cache.open(d.digest), {
            digest: d.digest,
            mediaType: d.mediaType,
            size: d.size,
            what: `${ref.familiar} layer ${i + 1}/${layerDescs.length} (${d.digest.slice(0, 19)})`,
          });
        },
      };
    });
    return {
      source: this.describe(),
      reference: ref,
      ...(indexDigest === undefined ? {} : { indexDigest }),
      manifestDigest: manifest.digest,
      manifestMediaType: manifest.mediaType,
      configDigest: configDesc.digest,
      config,
      ...(platform === undefined ? {} : { platform }),
      layers,
      async fetchLayers(onProgress?: ProgressCallback): Promise<void> {
        await Promise.all(layerDescs.map((d) => client.fetchBlob(ref, d, onProgress)));
      },
    };
  }

  /**
   * For `drydock image save`: the top-level manifest as served, the platform manifest(s) and every
   * blob downloaded and verified into the cache. `platforms: 'all'` keeps a whole index.
   */
  async fetchManifestAndBlobs(
    options: { platform?: Platform; platforms?: 'all'; onProgress?: ProgressCallback } = {},
  ): Promise<FetchedImage> {
    const ref = this.reference;
    const top = await this.client.getManifestCached(ref);
    const entries: { manifest: FetchedManifest; platform?: Platform }[] = [];
    if (isIndexMediaType(top.mediaType)) {
      const all = top.json.manifests ?? [];
      const chosen =
        options.platforms === 'all'
          ? all
          : [selectManifest({ manifests: all }, normalizePlatform(options.platform ?? hostPlatform()), ref.familiar)];
      for (const d of chosen) {
        const manifest = await this.client.getManifestCached(withDigest(ref, d.digest));
        if (isIndexMediaType(manifest.mediaType)) {
          throw new DrydockError('input', `nested index ${d.digest} is not supported`, { where: ref.familiar });
        }
        entries.push({ manifest, ...(d.platform === undefined ? {} : { platform: d.platform }) });
      }
    } else {
      entries.push({ manifest: top });
    }
    const blobs = new Map<string, Descriptor>();
    const manifests: SavedManifest[] = entries.map(({ manifest, platform }) => {
      const config = manifest.json.config as Descriptor;
      const layers = manifest.json.layers ?? [];
      for (const d of [config, ...layers]) blobs.set(d.digest, d);
      return {
        digest: manifest.digest,
        mediaType: manifest.mediaType,
        bytes: manifest.bytes,
        ...(platform === undefined ? {} : { platform }),
        config,
        layers,
      };
    });
    await Promise.all([...blobs.values()].map((d) => this.client.fetchBlob(ref, d, options.onProgress)));
    const cache = this.client.cache;
    return {
      reference: ref,
      top: { digest: top.digest, mediaType: top.mediaType, bytes: top.bytes },
      manifests,
      blobs: [...blobs.values()],
      blobPath: (digest) => cache.path(digest),
    };
  }
}

function parseConfig(bytes: Buffer, where: string): ImageConfig {
  try {
    const config = JSON.parse(bytes.toString('utf8')) as ImageConfig;
    if (config === null || typeof config !== 'object') throw new Error('not an object');
    return config;
  } catch {
    throw new DrydockError('input', 'image config is not a JSON object', { where });
  }
}
