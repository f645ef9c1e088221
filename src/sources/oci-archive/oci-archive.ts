import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { DrydockError } from '../../core/errors.js';
import { checkLayoutFile } from '../oci-layout/oci-layout.js';
import { type BlobStore, type OciSelector, resolveOci, splitLayoutReference } from '../oci-layout/resolve.js';
import { TarIndex } from '../tar-index.js';
import type { Image, ResolveOptions, Source } from '../types.js';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * `oci-archive:FILE[:tag|@sha256:…]`: a tar of an OCI image layout. The tar's headers are indexed
 * once and every blob is read by byte range; nothing is extracted.
 */
export class OciArchiveSource implements Source {
  readonly file: string;
  readonly selector: OciSelector;

  constructor(file: string, selector: OciSelector = {}) {
    this.file = file;
    this.selector = selector;
  }

  static parse(spec: string): OciArchiveSource {
    const { path, ...selector } = splitLayoutReference(spec, existsSync);
    return new OciArchiveSource(path, selector);
  }

  describe(): string {
    const { tag, digest } = this.selector;
    return `oci-archive:${this.file}${digest ? `@${digest}` : tag ? `:${tag}` : ''}`;
  }

  async resolve(options: ResolveOptions = {}): Promise<Image> {
    const index = await TarIndex.open(this.file);
    const where = this.describe();
    checkLayoutFile(index.get('oci-layout') === undefined ? undefined : await index.read('oci-layout', 4096), where);
    return resolveOci(new TarBlobStore(index, where), {
      source: where,
      selector: this.selector,
      ...(options.platform === undefined ? {} : { platform: options.platform }),
    });
  }
}

class TarBlobStore implements BlobStore {
  readonly where: string;
  private readonly index: TarIndex;

  constructor(index: TarIndex, where: string) {
    this.index = index;
    this.where = where;
  }

  async readIndex(): Promise<Buffer> {
    if (this.index.get('index.json') === undefined) {
      throw new DrydockError('input', 'not an OCI archive (no index.json)', { where: this.where });
    }
    return this.index.read('index.json');
  }

  async size(digest: string): Promise<number | undefined> {
    const e = this.index.get(this.name(digest));
    return e?.type === 'file' ? e.size : undefined;
  }

  open(digest: string): Readable {
    return this.index.stream(this.name(digest));
  }

  read(digest: string, limit: number): Promise<Buffer> {
    return this.index.read(this.name(digest), limit);
  }

  private name(digest: string): string {
    if (!DIGEST.test(digest)) throw new DrydockError('input', `unsupported digest ${digest}`, { where: this.where });
    return `blobs/sha256/${digest.slice(7)}`;
  }
}
