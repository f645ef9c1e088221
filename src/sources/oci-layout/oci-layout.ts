import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DrydockError } from '../../core/errors.js';
import type { Image, ResolveOptions, Source } from '../types.js';
import { type BlobStore, type OciSelector, resolveOci, splitLayoutReference } from './resolve.js';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** `oci-dir:PATH[:tag|@sha256:…]`: an OCI image layout directory (`oci-layout`, `index.json`, `blobs/`). */
export class OciLayoutSource implements Source {
  readonly dir: string;
  readonly selector: OciSelector;

  constructor(dir: string, selector: OciSelector = {}) {
    this.dir = dir.replace(/(.)\/+$/, '$1');
    this.selector = selector;
  }

  /** From the text after `oci-dir:`. */
  static parse(spec: string): OciLayoutSource {
    const { path, ...selector } = splitLayoutReference(spec, existsSync);
    return new OciLayoutSource(path, selector);
  }

  describe(): string {
    const { tag, digest } = this.selector;
    return `oci-dir:${this.dir}${digest ? `@${digest}` : tag ? `:${tag}` : ''}`;
  }

  async resolve(options: ResolveOptions = {}): Promise<Image> {
    checkLayoutFile(readOrUndefined(`${this.dir}/oci-layout`), this.describe());
    return resolveOci(new DirBlobStore(this.dir, this.describe()), {
      source: this.describe(),
      selector: this.selector,
      ...(options.platform === undefined ? {} : { platform: options.platform }),
    });
  }
}

/** `oci-layout` must exist and name version 1.x: anything else is not a layout we understand. */
export function checkLayoutFile(bytes: Buffer | undefined, where: string): void {
  if (bytes === undefined) {
    throw new DrydockError('input', 'not an OCI image layout (no oci-layout file)', { where });
  }
  let version: unknown;
  try {
    version = (JSON.parse(bytes.toString('utf8')) as { imageLayoutVersion?: unknown }).imageLayoutVersion;
  } catch {
    version = undefined;
  }
  if (typeof version !== 'string' || !version.startsWith('1.')) {
    throw new DrydockError('input', `unsupported OCI layout version ${JSON.stringify(version)}`, { where });
  }
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

class DirBlobStore implements BlobStore {
  readonly where: string;
  private readonly dir: string;

  constructor(dir: string, where: string) {
    this.dir = dir;
    this.where = where;
  }

  async readIndex(): Promise<Buffer> {
    const bytes = readOrUndefined(`${this.dir}/index.json`);
    if (bytes === undefined)
      throw new DrydockError('input', 'not an OCI image layout (no index.json)', { where: this.where });
    return bytes;
  }

  async size(digest: string): Promise<number | undefined> {
    try {
      const st = await stat(this.path(digest));
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
  }

  open(digest: string): Readable {
    return createReadStream(this.path(digest));
  }

  async read(digest: string, limit: number): Promise<Buffer> {
    const fh = await open(this.path(digest), 'r');
    try {
      const { size } = await fh.stat();
      if (size > limit)
        throw new DrydockError('input', `blob ${digest} is too big (${size} bytes)`, { where: this.where });
      return await fh.readFile();
    } finally {
      await fh.close();
    }
  }

  /** The digest format is checked here: a descriptor must never name a path outside `blobs/`. */
  private path(digest: string): string {
    if (!DIGEST.test(digest)) throw new DrydockError('input', `unsupported digest ${digest}`, { where: this.where });
    return `${this.dir}/blobs/sha256/${digest.slice(7)}`;
  }
}
