import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DrydockError, errorMessage } from '../../core/errors.js';
import { openLayerStream, sniffCompression } from '../layer-stream.js';
import { parseJson } from '../oci-layout/resolve.js';
import { formatPlatform, platformMatches } from '../platform.js';
import { TarIndex } from '../tar-index.js';
import type { Image, ImageConfig, Layer, Platform, ResolveOptions, Source } from '../types.js';

/**
 * `docker-archive:FILE[:name:tag]`: the output of `docker save` (or `skopeo copy … docker-archive:`).
 * `manifest.json` names each image's config and layer tars; the archive is indexed once and every
 * member read by byte range. A gzip-compressed archive (`docker save | gzip`) cannot be read by
 * range, so it is decompressed once to a temp file (deleted when the process exits).
 *
 * Digests, as Docker reports them: the manifest digest is the config digest (the image ID), a
 * layer's digest is the sha256 of its tar as stored in the archive. The expected layer digest comes
 * from the member name when it is one (`blobs/sha256/<hex>`, skopeo's `<hex>.tar`) or else from the
 * config's diff_ids (Docker stores layers uncompressed, so the two agree); it is checked while the
 * layer streams, never trusted.
 */

interface ManifestEntry {
  readonly Config?: string;
  readonly RepoTags?: readonly string[] | null;
  readonly Layers?: readonly string[];
}

const HEX_NAME = /(?:^|\/)(?:sha256\/)?([a-f0-9]{64})(?:\.tar|\.tar\.gz|\.json)?$/;
const UNCOMPRESSED_TAR = 'application/vnd.docker.image.rootfs.diff.tar';

export class DockerArchiveSource implements Source {
  readonly file: string;
  /** `name:tag` to pick when the archive holds several images. */
  readonly reference: string | undefined;

  constructor(file: string, reference?: string) {
    this.file = file;
    this.reference = reference === '' ? undefined : reference;
  }

  /** From the text after `docker-archive:`: `FILE` or `FILE:name:tag` (the file must exist). */
  static parse(spec: string): DockerArchiveSource {
    if (existsSync(spec)) return new DockerArchiveSource(spec);
    // FILE:name[:tag] — the first colon after which the prefix names an existing file.
    for (let i = spec.indexOf(':'); i > 0; i = spec.indexOf(':', i + 1)) {
      if (existsSync(spec.slice(0, i))) return new DockerArchiveSource(spec.slice(0, i), spec.slice(i + 1));
    }
    return new DockerArchiveSource(spec);
  }

  describe(): string {
    return `docker-archive:${this.file}${this.reference === undefined ? '' : `:${this.reference}`}`;
  }

  async resolve(options: ResolveOptions = {}): Promise<Image> {
    const where = this.describe();
    const index = await TarIndex.open(await uncompressedArchive(this.file));
    if (index.get('manifest.json') === undefined) {
      throw new DrydockError('input', 'not a docker-archive (no manifest.json)', {
        where,
        hint: 'create one with `docker save IMAGE -o FILE` or `skopeo copy … docker-archive:FILE`',
      });
    }
    const manifest = parseJson<ManifestEntry[]>(await index.read('manifest.json'), `${where} manifest.json`);
    if (!Array.isArray(manifest) || manifest.length === 0) {
      throw new DrydockError('input', 'manifest.json lists no image', { where });
    }
    const entry = this.pick(manifest, where);
    if (entry.Config === undefined || !Array.isArray(entry.Layers)) {
      throw new DrydockError('input', 'manifest.json entry has no Config or Layers', { where });
    }
    const configBytes = await index.read(entry.Config);
    const configDigest = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
    const namedConfig = HEX_NAME.exec(entry.Config)?.[1];
    if (namedConfig !== undefined && `sha256:${namedConfig}` !== configDigest) {
      throw new DrydockError('input', `digest mismatch for config ${entry.Config}: content hashes to ${configDigest}`, {
        where,
      });
    }
    const config = parseJson<ImageConfig>(configBytes, `${where} ${entry.Config}`);
    const platform = platformOf(config);
    if (options.platform !== undefined && platform !== undefined && !platformMatches(platform, options.platform)) {
      throw new DrydockError(
        'input',
        `the image is ${formatPlatform(platform)}, not ${formatPlatform(options.platform)}`,
        {
          where,
        },
      );
    }
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== 0 && diffIds.length !== entry.Layers.length) {
      throw new DrydockError(
        'input',
        `manifest.json lists ${entry.Layers.length} layers but the config has ${diffIds.length} diff_ids`,
        { where },
      );
    }
    const layers: Layer[] = [];
    for (const [i, name] of entry.Layers.entries()) {
      layers.push(await this.layer(index, name, diffIds[i], where));
    }
    return {
      source: where,
      manifestDigest: configDigest,
      configDigest,
      config,
      ...(platform === undefined ? {} : { platform }),
      layers,
    };
  }

  private pick(manifest: ManifestEntry[], where: string): ManifestEntry {
    const tagsOf = (m: ManifestEntry) => m.RepoTags ?? [];
    if (this.reference === undefined) {
      if (manifest.length === 1) return manifest[0] as ManifestEntry;
      const all = manifest.flatMap(tagsOf);
      throw new DrydockError('usage', `the archive holds ${manifest.length} images; name one: ${all.join(', ')}`, {
        where,
        hint: `use docker-archive:${this.file}:NAME:TAG`,
      });
    }
    const wanted = normalizeTag(this.reference);
    const found = manifest.find((m) => tagsOf(m).some((t) => normalizeTag(t) === wanted));
    if (found !== undefined) return found;
    const all = manifest.flatMap(tagsOf);
    throw new DrydockError(
      'input',
      `no image tagged ${this.reference}; the archive has ${all.length === 0 ? 'untagged images only' : all.join(', ')}`,
      { where },
    );
  }

  private async layer(index: TarIndex, name: string, diffId: string | undefined, where: string): Promise<Layer> {
    const member = index.get(name);
    if (member === undefined || member.type !== 'file') {
      throw new DrydockError('input', `manifest.json names ${name}, which the archive lacks`, { where });
    }
    const compression = sniffCompression(await index.head(name, 4));
    const named = HEX_NAME.exec(name)?.[1];
    let digest = named === undefined ? undefined : `sha256:${named}`;
    // skopeo names layers by diff_id even if gzip-compressed; only trust the name when it agrees.
    if (digest === undefined || (compression !== 'none' && digest === diffId)) {
      digest = compression === 'none' && diffId !== undefined ? diffId : await hashMember(index, name);
    }
    const what = `${where} layer ${name}`;
    const expected = digest;
    return {
      digest: expected,
      ...(diffId === undefined ? {} : { diffId }),
      mediaType:
        compression === 'gzip'
          ? `${UNCOMPRESSED_TAR}.gzip`
          : compression === 'zstd'
            ? `${UNCOMPRESSED_TAR}.zstd`
            : UNCOMPRESSED_TAR,
      size: member.size,
      open: async () => openLayerStream(index.stream(name), { digest: expected, size: member.size, what }),
    };
  }
}

/** `docker.io/library/x:1` and `x:1` are the same Docker name; a missing tag means `latest`. */
export function normalizeTag(ref: string): string {
  let r = ref.trim();
  if (!/:[^/]+$/.test(r)) r = `${r}:latest`;
  for (const prefix of ['docker.io/library/', 'docker.io/', 'index.docker.io/library/', 'index.docker.io/']) {
    if (r.startsWith(prefix)) {
      r = r.slice(prefix.length);
      break;
    }
  }
  if (!r.includes('/')) r = `library/${r}`;
  return r;
}

function platformOf(config: ImageConfig): Platform | undefined {
  if (config.os === undefined || config.architecture === undefined) return undefined;
  return { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
}

/** Only when the archive gives no usable name: the digest must be known before the layer is opened. */
async function hashMember(index: TarIndex, name: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of index.stream(name) as AsyncIterable<Buffer>) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

const decompressed = new Map<string, string>();

/** The archive itself, or a temp copy without its gzip wrapper. */
async function uncompressedArchive(file: string): Promise<string> {
  const head = Buffer.alloc(4);
  try {
    const fh = await open(file, 'r');
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new DrydockError('io', `cannot open archive: ${errorMessage(err)}`, { where: file, cause: err });
  }
  if (sniffCompression(head) !== 'gzip') return file;
  const known = decompressed.get(file);
  if (known !== undefined) return known;
  const dir = mkdtempSync(`${tmpdir()}/drydock-archive-`);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const target = `${dir}/archive.tar`;
  try {
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(target, { mode: 0o600 }));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new DrydockError('input', `cannot decompress gzip archive: ${errorMessage(err)}`, {
      where: file,
      cause: err,
    });
  }
  decompressed.set(file, target);
  return target;
}
