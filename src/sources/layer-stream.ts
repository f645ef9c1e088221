import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { DrydockError, errorMessage } from '../core/errors.js';

/**
 * Turns a layer's stored bytes into its uncompressed tar stream, hashing the stored bytes on the
 * way: a registry, an OCI layout and a `docker save` tar all hand us bytes we must not trust.
 */

export type Compression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** Compression named by a layer media type (OCI, Docker, nondistributable); undefined when unknown. */
export function compressionOf(mediaType: string | undefined): Compression | undefined {
  if (mediaType === undefined || mediaType === '') return undefined;
  switch (mediaType) {
    case 'application/vnd.oci.image.layer.v1.tar':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar':
    case 'application/vnd.docker.image.rootfs.diff.tar':
      return 'none';
    case 'application/vnd.oci.image.layer.v1.tar+gzip':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip':
    case 'application/vnd.docker.image.rootfs.diff.tar.gzip':
    case 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip':
      return 'gzip';
    case 'application/vnd.oci.image.layer.v1.tar+zstd':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd':
    case 'application/vnd.docker.image.rootfs.diff.tar.zstd':
      return 'zstd';
    default:
      return undefined;
  }
}

/** Compression recognised from the first bytes (gzip, zstd; anything else is taken as a plain tar). */
export function sniffCompression(head: Uint8Array): Compression {
  if (GZIP_MAGIC.every((b, i) => head[i] === b)) return 'gzip';
  if (ZSTD_MAGIC.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

export interface LayerStreamOptions {
  /** Expected sha256 of the stored bytes. */
  readonly digest: string;
  readonly mediaType?: string;
  /** Expected stored size, when a descriptor gives one. */
  readonly size?: number;
  /** Names the layer in errors (default: the digest). */
  readonly what?: string;
}

/**
 * The uncompressed tar stream of a layer. The compression is taken from the magic bytes, which
 * cannot lie, rather than the media type, which can (docker-archive has none, some registries send
 * `tar.gzip` for zstd): the media type only decides when the blob is too short to sniff.
 *
 * Errors, one DrydockError each, in this order of precedence: size mismatch, digest mismatch (the
 * stored bytes are drained to the end even after the decompressor gave up, so a flipped byte is
 * always reported as a digest mismatch, never as a zlib message), then truncated/corrupt
 * compressed data (only possible when the stored bytes match their digest). The output ends only
 * after the digest was checked, so a consumer never sees a clean end of a tampered layer.
 */
export function openLayerStream(stored: Readable, options: LayerStreamOptions): Readable {
  const where = options.what ?? options.digest;
  const expected = options.digest;
  let decoder: Transform | undefined;
  let compression: Compression | undefined;
  let decoderError: Error | undefined;
  let head: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  let storedEnded = false;
  let finished = false;

  const out = new Readable({
    read() {
      decoder?.resume();
    },
    destroy(err, cb) {
      finished = true;
      stored.destroy();
      decoder?.destroy();
      cb(err);
    },
  });
  const fail = (err: Error) => {
    if (finished) return;
    out.destroy(err);
  };
  if (!/^sha256:[a-f0-9]{64}$/.test(expected)) {
    process.nextTick(() => fail(new DrydockError('input', `unsupported layer digest ${expected}`, { where })));
    return out;
  }
  const hash = createHash('sha256');

  const startDecoder = (c: Compression) => {
    compression = c;
    const d =
      c === 'gzip' ? createGunzip() : c === 'zstd' ? new ZstdDecoder() : new Transform({ transform: passThrough });
    decoder = d;
    d.on('data', (chunk: Buffer) => {
      if (!out.push(chunk)) d.pause();
    });
    d.on('drain', () => {
      if (!finished && decoderError === undefined) stored.resume();
    });
    d.on('error', (err) => {
      if (decoderError !== undefined) return;
      decoderError = err;
      // The digest was already checked: the compressed data itself is bad (truncated at the source).
      if (storedEnded) fail(decodeError(c, err, where));
      // Otherwise keep hashing to the end: a digest mismatch explains this better than zlib does.
      else stored.resume();
    });
    d.on('end', () => {
      if (finished) return;
      finished = true;
      out.push(null);
    });
  };

  const feed = (chunk: Buffer) => {
    if (decoder === undefined || decoderError !== undefined) return;
    if (!decoder.write(chunk)) stored.pause();
  };

  const settle = () => {
    const actual = `sha256:${hash.digest('hex')}`;
    if (options.size !== undefined && bytes !== options.size) {
      const kind = bytes < options.size ? 'truncated' : 'too long';
      fail(new DrydockError('input', `layer ${kind}: expected ${options.size} bytes, got ${bytes}`, { where }));
    } else if (actual !== expected) {
      fail(
        new DrydockError('input', `digest mismatch for layer ${expected}: stored bytes hash to ${actual}`, { where }),
      );
    } else if (decoderError !== undefined) {
      fail(decodeError(compression ?? 'none', decoderError, where));
    } else {
      decoder?.end();
    }
  };

  stored.on('data', (chunk: Buffer) => {
    if (finished) return;
    hash.update(chunk);
    bytes += chunk.length;
    if (compression !== undefined) {
      feed(chunk);
      return;
    }
    head.push(chunk);
    headLength += chunk.length;
    if (headLength < ZSTD_MAGIC.length) return;
    const first = Buffer.concat(head);
    head = [];
    startDecoder(sniffCompression(first));
    feed(first);
  });
  stored.on('end', () => {
    if (finished) return;
    storedEnded = true;
    if (compression === undefined) {
      // Too short to sniff: trust the media type.
      const first = Buffer.concat(head);
      startDecoder(first.length === 0 ? 'none' : (compressionOf(options.mediaType) ?? sniffCompression(first)));
      feed(first);
    }
    settle();
  });
  stored.on('error', (err) => {
    fail(new DrydockError('io', `cannot read layer ${expected}: ${errorMessage(err)}`, { where, cause: err }));
  });
  return out;
}

function decodeError(compression: Compression, err: Error, where: string): DrydockError {
  const message = errorMessage(err);
  const truncated =
    (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ||
    /unexpected end/i.test(message) ||
    (err as { code?: unknown }).code === 5;
  const what = compression === 'none' ? 'layer data' : `${compression} data`;
  return new DrydockError(
    'input',
    truncated ? `truncated ${what} in layer` : `corrupt ${what} in layer: ${message || 'invalid data'}`,
    { where, cause: err },
  );
}

function passThrough(this: Transform, chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
  cb(null, chunk);
}

/** fzstd's streaming decoder as a Node Transform (fzstd emits whole blocks, at most 128 KiB each). */
class ZstdDecoder extends Transform {
  private readonly decompress: Decompress;

  constructor() {
    super();
    this.decompress = new Decompress((data) => {
      // fzstd may hand out a view of its window; copy before it is reused.
      if (data.length > 0) this.push(Buffer.from(data));
    });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.decompress.push(chunk);
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.decompress.push(new Uint8Array(0), true);
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
}
