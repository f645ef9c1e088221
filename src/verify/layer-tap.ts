import { PassThrough, type Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { normalizeImagePath } from '../core/posix-path.js';
import type { EntryType, FileEntry, Image, Layer } from '../sources/types.js';

/**
 * The per-layer look at candidate files, riding on the squashed walk's own read of each layer: a
 * layer's uncompressed tar stream is teed, the squashed view reads one copy and a second tar parser
 * reads the other, so every layer is fetched and decompressed once. The squashed view only shows
 * what survives in the final filesystem; this sees what each layer holds, so a key written in one
 * layer and deleted in the next is still found (it is still in the image).
 *
 * Bounded: only entries `want` accepts are read, each a regular file, until `maxBytes` of content
 * have been collected; later candidates are counted in `skipped`.
 */

/** A candidate file as it is stored in one layer. */
export interface TappedFile {
  readonly entry: FileEntry;
  readonly content: Buffer;
  readonly layerIndex: number;
}

export interface LayerTapOptions {
  readonly want: (entry: FileEntry) => boolean;
  readonly maxBytes: number;
  /** Which layers to tap (by index, bottom first); the others are read as usual. */
  readonly layers: (index: number) => boolean;
}

/** A tar parse of a tee that failed (a corrupt layer): the squashed walk reports the layer itself. */
export interface LayerTapError {
  readonly layer: string;
  readonly message: string;
}

export class LayerTap {
  readonly files: TappedFile[] = [];
  readonly errors: LayerTapError[] = [];
  skipped = 0;
  private bytes = 0;
  private readonly pending: Promise<void>[] = [];
  private readonly options: LayerTapOptions;

  constructor(options: LayerTapOptions) {
    this.options = options;
  }

  /** The image with tapped layers: give it to the squashed view instead of the original. */
  wrap(image: Image): Image {
    return {
      ...image,
      layers: image.layers.map((layer, i) => (this.options.layers(i) ? this.tapped(layer, i) : layer)),
    };
  }

  /** Waits for every tee's parser; call after the squashed walk finished. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  private tapped(layer: Layer, index: number): Layer {
    let opened = false;
    return {
      digest: layer.digest,
      ...(layer.diffId ? { diffId: layer.diffId } : {}),
      mediaType: layer.mediaType,
      size: layer.size,
      open: async () => {
        const inner = await layer.open();
        // A second open (the squashed view re-reading a layer for hard links) needs no second look.
        if (opened) return inner;
        opened = true;
        return this.tee(inner, layer, index);
      },
    };
  }

  private tee(inner: Readable, layer: Layer, index: number): Readable {
    const main = new PassThrough();
    const side = new PassThrough();
    inner.on('error', (err) => {
      main.destroy(err);
      side.destroy(err);
    });
    // The squashed view gave up on this layer (an error elsewhere): stop feeding the side parser too.
    main.on('close', () => {
      if (!inner.readableEnded) {
        inner.destroy();
        side.destroy();
      }
    });
    inner.pipe(main);
    inner.pipe(side);
    this.pending.push(
      this.parse(side, layer, index).catch((err: unknown) => {
        this.errors.push({ layer: layer.digest, message: err instanceof Error ? err.message : String(err) });
        // Keep the tee draining so the squashed view is never held up by a dead side.
        side.resume();
      }),
    );
    return main;
  }

  private async parse(stream: Readable, layer: Layer, index: number): Promise<void> {
    const tar = extract();
    stream.pipe(tar);
    stream.on('error', (err) => tar.destroy(err));
    for await (const item of tar) {
      const entry = toEntry(item.header, layer.digest);
      if (entry && entry.type === 'file' && this.options.want(entry)) {
        if (this.bytes + entry.size > this.options.maxBytes) this.skipped++;
        else {
          this.bytes += entry.size;
          const chunks: Buffer[] = [];
          // streamx streams are async-iterable at run time; its typings do not say so.
          for await (const chunk of item as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
          this.files.push({ entry, content: Buffer.concat(chunks), layerIndex: index });
          continue;
        }
      }
      item.resume();
    }
  }
}

function toEntry(h: Header, layer: string): FileEntry | undefined {
  const path = normalizeImagePath(h.name);
  if (path === undefined || path === '' || path.split('/').some((p) => p.startsWith('.wh.'))) return undefined;
  const type: EntryType =
    h.type === 'file' || h.type === 'contiguous-file' || h.type === undefined || h.type === null
      ? 'file'
      : h.type === 'directory'
        ? 'dir'
        : h.type === 'symlink'
          ? 'symlink'
          : h.type === 'link'
            ? 'hardlink'
            : 'other';
  return {
    path,
    type,
    mode: (h.mode ?? 0) & 0o7777,
    uid: h.uid ?? 0,
    gid: h.gid ?? 0,
    size: type === 'file' ? (h.size ?? 0) : 0,
    layer,
  };
}
