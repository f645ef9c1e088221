import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import { DrydockError } from '../core/errors.js';
import { ancestors, basename, dirname, normalizeImagePath, resolveLinkTarget } from '../core/posix-path.js';
import type { EntryType, FileEntry, FileView, Image, Layer, Required } from './types.js';

/**
 * The squashed filesystem of an image, read the way Trivy's walker does but top layer first: an
 * entry of an upper layer is visited as soon as it is seen, and everything it hides in lower layers
 * (same path, a whiteout `.wh.name`, an opaque dir `.wh..wh..opq`, a non-directory ancestor) is
 * recognised from path sets alone, so nothing is buffered except the contents `required` asked for.
 *
 * Memory: one set of paths for the image (no contents), plus the contents of required files.
 * A required file up to `maxInMemory` (64 MiB) is read into a buffer of its exact size; a bigger one
 * is spilled to a temp file while the layer streams and read back once the entry is complete (the
 * decompressor and tar parser are never held while a huge buffer grows, and peak memory is one copy
 * of the file). No other byte of a layer touches the disk.
 */

/** A tar entry's content (a streamx Readable from tar-stream). */
type Body = AsyncIterable<Buffer> & { resume(): unknown };

export const DEFAULT_MAX_IN_MEMORY = 64 * 1024 * 1024;

export interface SquashOptions {
  /** Required files bigger than this are spilled to a temp file before being handed over. */
  readonly maxInMemory?: number;
  /** Where spill files go (default: the OS temp dir). */
  readonly tmpDir?: string;
}

/** Counters of the last `walk`, for logs, tests and benchmarks. */
export interface SquashStats {
  layers: number;
  /** Tar entries read, whiteouts included. */
  entries: number;
  /** Entries visited (visible in the final filesystem). */
  visible: number;
  /** Entries whose path climbs above the root (`../x`): skipped. */
  escapes: number;
  whiteouts: number;
  /** Required files whose content was read, and their bytes. */
  contentFiles: number;
  contentBytes: number;
  spilled: number;
  /** Layers read a second time to fetch a hardlink target passed before the link was seen. */
  rereads: number;
  /** Required hardlinks whose target is not in their layer: visited without content. */
  unresolvedHardlinks: number;
}

export class SquashedView implements FileView {
  readonly image: Image;
  readonly stats: SquashStats = emptyStats();
  private readonly maxInMemory: number;
  private readonly tmpRoot: string;

  constructor(image: Image, options: SquashOptions = {}) {
    this.image = image;
    this.maxInMemory = options.maxInMemory ?? DEFAULT_MAX_IN_MEMORY;
    this.tmpRoot = options.tmpDir ?? tmpdir();
  }

  async walk(required: Required, visit: (entry: FileEntry, content?: Buffer) => void | Promise<void>): Promise<void> {
    Object.assign(this.stats, emptyStats());
    const hidden = new Hider();
    const layers = this.image.layers;
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i] as Layer;
      this.stats.layers++;
      await this.walkLayer(layer, hidden, required, visit);
    }
  }

  private async walkLayer(
    layer: Layer,
    hidden: Hider,
    required: Required,
    visit: (entry: FileEntry, content?: Buffer) => void | Promise<void>,
  ): Promise<void> {
    const whiteouts: string[] = [];
    const opaques: string[] = [];
    /** Regular files of this layer (size), and hard links (target), for hardlink resolution. */
    const files = new Map<string, number>();
    const links = new Map<string, string>();
    /** Contents read in this layer, so a later hardlink to a required file costs nothing. */
    const contents = new Map<string, Buffer>();
    const deferred: FileEntry[] = [];

    await forEachEntry(layer, async (header, body) => {
      this.stats.entries++;
      const path = normalizeImagePath(header.name);
      if (path === undefined) {
        this.stats.escapes++;
        return;
      }
      if (path === '') return;
      const base = basename(path);
      if (base.startsWith('.wh.')) {
        this.stats.whiteouts++;
        if (base === '.wh..wh..opq') opaques.push(dirname(path));
        else if (!base.startsWith('.wh..wh.')) whiteouts.push(joinPath(dirname(path), base.slice(4)));
        return;
      }
      const type = entryType(header);
      let linkTarget: string | undefined;
      let size = type === 'file' ? (header.size ?? 0) : 0;
      if (type === 'file') files.set(path, size);
      if (type === 'symlink') linkTarget = header.linkname ?? '';
      if (type === 'hardlink') {
        const target = normalizeImagePath(header.linkname ?? '');
        if (target === undefined) {
          this.stats.escapes++;
          return;
        }
        linkTarget = target;
        links.set(path, target);
        size = files.get(followLinks(links, target)) ?? 0;
      }
      if (hidden.hides(path)) return;
      hidden.add(path, type);
      const entry: FileEntry = {
        path,
        type,
        mode: (header.mode ?? 0) & 0o7777,
        uid: header.uid ?? 0,
        gid: header.gid ?? 0,
        size,
        ...(linkTarget === undefined ? {} : { linkTarget }),
        layer: layer.digest,
      };
      this.stats.visible++;
      // Asked for every visible entry (the contract), though only files and hardlinks get content.
      const wanted = required(entry);
      if ((type !== 'file' && type !== 'hardlink') || !wanted) {
        await visit(entry);
        return;
      }
      if (type === 'file') {
        const content = await this.readContent(body, size, path, layer);
        contents.set(path, content);
        await visit(entry, content);
        return;
      }
      const content = contents.get(followLinks(links, linkTarget ?? ''));
      if (content !== undefined) await visit(entry, content);
      else deferred.push(entry);
    });

    if (deferred.length > 0) await this.visitDeferredLinks(layer, deferred, links, visit);
    // A layer's whiteouts hide only what lies below it.
    for (const w of whiteouts) hidden.whiteout(w);
    for (const o of opaques) hidden.opaque(o);
  }

  /** Hard links whose target streamed past before anyone asked for it: one more pass over the layer. */
  private async visitDeferredLinks(
    layer: Layer,
    deferred: FileEntry[],
    links: Map<string, string>,
    visit: (entry: FileEntry, content?: Buffer) => void | Promise<void>,
  ): Promise<void> {
    const wanted = new Set(deferred.map((e) => followLinks(links, e.linkTarget ?? '')));
    const found = new Map<string, Buffer>();
    this.stats.rereads++;
    await forEachEntry(layer, async (header, body) => {
      const path = normalizeImagePath(header.name);
      if (path === undefined || !wanted.has(path) || entryType(header) !== 'file' || found.has(path)) return;
      found.set(path, await this.readContent(body, header.size ?? 0, path, layer));
    });
    for (const entry of deferred) {
      const content = found.get(followLinks(links, entry.linkTarget ?? ''));
      if (content === undefined) this.stats.unresolvedHardlinks++;
      await visit(entry, content);
    }
  }

  private async readContent(body: Body, size: number, path: string, layer: Layer): Promise<Buffer> {
    this.stats.contentFiles++;
    this.stats.contentBytes += size;
    if (size > this.maxInMemory) return this.spill(body, size, path, layer);
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    for await (const chunk of body) {
      if (at + chunk.length > size) throw sizeError(path, layer);
      chunk.copy(buf, at);
      at += chunk.length;
    }
    if (at !== size) throw sizeError(path, layer);
    return buf;
  }

  private async spill(body: Body, size: number, path: string, layer: Layer): Promise<Buffer> {
    this.stats.spilled++;
    const dir = mkdtempSync(`${this.tmpRoot.replace(/\/+$/, '')}/drydock-spill-`);
    const file = `${dir}/content`;
    try {
      await pipeline(body, createWriteStream(file, { mode: 0o600 }));
      const buf = readFileSync(file);
      if (buf.length !== size) throw sizeError(path, layer);
      return buf;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The squashed filesystem of `image`, read lazily: nothing happens until `walk`. */
export function squash(image: Image, options?: SquashOptions): SquashedView {
  return new SquashedView(image, options);
}

/**
 * Follows symlinks in `path` (every component, like the kernel, clamped at the root) through the
 * entries of a view; `undefined` after 40 links (a loop). The last component is followed too unless
 * `followLast` is false. `etc/os-release` → `usr/lib/os-release`.
 */
export function resolveSymlinks(
  entries: ReadonlyMap<string, FileEntry> | ((path: string) => FileEntry | undefined),
  path: string,
  followLast = true,
): string | undefined {
  const lookup = typeof entries === 'function' ? entries : (p: string) => entries.get(p);
  const done: string[] = [];
  const todo = path.split('/').reverse();
  let hops = 0;
  while (todo.length > 0) {
    const part = todo.pop() as string;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      done.pop();
      continue;
    }
    const candidate = done.length === 0 ? part : `${done.join('/')}/${part}`;
    const entry = lookup(candidate);
    if (entry?.type === 'symlink' && entry.linkTarget !== undefined && (todo.length > 0 || followLast)) {
      if (++hops > 40) return undefined;
      const target = resolveLinkTarget(candidate, entry.linkTarget);
      done.length = 0;
      for (const p of target.split('/').reverse()) if (p !== '') todo.push(p);
      continue;
    }
    done.push(part);
  }
  return done.join('/');
}

/** Paths hidden from lower layers by what upper layers already showed or whited out. */
class Hider {
  private readonly seen = new Map<string, EntryType>();
  private readonly whiteouts = new Set<string>();
  private readonly opaques = new Set<string>();

  hides(path: string): boolean {
    if (this.seen.has(path) || this.whiteouts.has(path)) return true;
    for (const a of ancestors(path)) {
      if (this.whiteouts.has(a) || this.opaques.has(a)) return true;
      const t = this.seen.get(a);
      if (t !== undefined && t !== 'dir') return true;
    }
    return false;
  }

  add(path: string, type: EntryType): void {
    this.seen.set(path, type);
  }

  whiteout(path: string): void {
    this.whiteouts.add(path);
  }

  opaque(dir: string): void {
    this.opaques.add(dir);
  }
}

async function forEachEntry(layer: Layer, onEntry: (header: Header, body: Body) => Promise<void>): Promise<void> {
  const stream = await layer.open();
  const tar = extract();
  const done = pipeline(stream, tar);
  done.catch(() => undefined); // observed below or superseded by the loop's own error
  try {
    for await (const entry of tar) {
      // streamx streams are async-iterable at run time; its typings do not say so.
      await onEntry(entry.header, entry as unknown as Body);
      entry.resume(); // skip whatever was not read
    }
    await done;
  } catch (err) {
    stream.destroy();
    tar.destroy();
    throw asLayerError(err, layer);
  }
}

function asLayerError(err: unknown, layer: Layer): unknown {
  if (err instanceof DrydockError || !(err instanceof Error)) return err;
  // tar-stream's own messages ("Unexpected end of data", "Invalid header"): a broken tar.
  if (/Unexpected end of data|Invalid header|Header exceeds|Invalid tar header/i.test(err.message)) {
    return new DrydockError('input', `layer is not a valid tar: ${err.message}`, { where: layer.digest, cause: err });
  }
  return err;
}

function entryType(h: Header): EntryType {
  switch (h.type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

function followLinks(links: ReadonlyMap<string, string>, path: string): string {
  let p = path;
  for (let i = 0; i < 40; i++) {
    const next = links.get(p);
    if (next === undefined) return p;
    p = next;
  }
  return p;
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function sizeError(path: string, layer: Layer): DrydockError {
  return new DrydockError('input', `tar entry ${path} is shorter or longer than its header says`, {
    where: layer.digest,
  });
}

function emptyStats(): SquashStats {
  return {
    layers: 0,
    entries: 0,
    visible: 0,
    escapes: 0,
    whiteouts: 0,
    contentFiles: 0,
    contentBytes: 0,
    spilled: 0,
    rereads: 0,
    unresolvedHardlinks: 0,
  };
}
