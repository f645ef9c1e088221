import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DrydockError } from '../core/errors.js';
import { normalizeImagePath, resolveLinkTarget } from '../core/posix-path.js';

/**
 * An index of an uncompressed tar file (a `docker save` or OCI archive): entry name → byte range,
 * built by reading the 512-byte headers only and seeking over the data. Blobs are then read by
 * range, so a multi-gigabyte archive is never extracted or read twice.
 */

export interface TarIndexEntry {
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'link' | 'other';
  /** Offset of the entry's data in the tar file. */
  readonly offset: number;
  readonly size: number;
  readonly linkname?: string;
}

const BLOCK = 512;
/** pax and GNU long-name records are small; a bigger one means a corrupt or hostile archive. */
const MAX_META = 1024 * 1024;

export class TarIndex {
  readonly file: string;
  private readonly entries: Map<string, TarIndexEntry>;

  private constructor(file: string, entries: Map<string, TarIndexEntry>) {
    this.file = file;
    this.entries = entries;
  }

  /** Reads every header of `file`; throws a DrydockError naming the file if it is not a tar. */
  static async open(file: string): Promise<TarIndex> {
    const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      throw new DrydockError('io', `cannot open archive: ${err.code ?? err.message}`, { where: file, cause: err });
    });
    try {
      return new TarIndex(file, await readHeaders(fh, file));
    } finally {
      await fh.close();
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry for `name`, following symlinks and hardlinks inside the archive (Docker 25+ `layer.tar` links). */
  get(name: string): TarIndexEntry | undefined {
    let key = normalizeImagePath(name);
    for (let hops = 0; key !== undefined && hops < 40; hops++) {
      const e = this.entries.get(key);
      if (e === undefined || (e.type !== 'symlink' && e.type !== 'link')) return e;
      const target = e.linkname ?? '';
      key = e.type === 'symlink' ? resolveLinkTarget(key, target) : normalizeImagePath(target);
    }
    return undefined;
  }

  /** The stored bytes of `name` (a file entry) as a stream. */
  stream(name: string): Readable {
    const e = this.require(name);
    if (e.size === 0) return Readable.from([]);
    return createReadStream(this.file, { start: e.offset, end: e.offset + e.size - 1 });
  }

  /** The whole content of a small entry (a manifest or config); `limit` guards against a hostile size. */
  async read(name: string, limit = 64 * 1024 * 1024): Promise<Buffer> {
    const e = this.require(name);
    if (e.size > limit) {
      throw new DrydockError('input', `${name} is ${e.size} bytes, more than the ${limit} allowed`, {
        where: this.file,
      });
    }
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.alloc(e.size);
      const { bytesRead } = await fh.read(buf, 0, e.size, e.offset);
      if (bytesRead !== e.size)
        throw new DrydockError('input', `archive truncated inside ${name}`, { where: this.file });
      return buf;
    } finally {
      await fh.close();
    }
  }

  /** The first `length` bytes of `name` (fewer if it is shorter): enough to sniff a compression. */
  async head(name: string, length: number): Promise<Buffer> {
    const e = this.require(name);
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(length, e.size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, e.offset);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  private require(name: string): TarIndexEntry {
    const e = this.get(name);
    if (e === undefined || e.type !== 'file') {
      throw new DrydockError('input', `archive has no file ${name}`, { where: this.file });
    }
    return e;
  }
}

async function readHeaders(fh: FileHandle, file: string): Promise<Map<string, TarIndexEntry>> {
  const { size: fileSize } = await fh.stat();
  const entries = new Map<string, TarIndexEntry>();
  const header = Buffer.alloc(BLOCK);
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let global: Record<string, string> = {};
  const bad = (why: string) =>
    new DrydockError('input', `not a valid tar archive: ${why} at byte ${pos}`, { where: file });

  const readBlock = async (at: number, length: number): Promise<Buffer> => {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, at);
    if (bytesRead !== length) throw bad('unexpected end of file');
    return buf;
  };

  while (pos + BLOCK <= fileSize) {
    const { bytesRead } = await fh.read(header, 0, BLOCK, pos);
    if (bytesRead !== BLOCK) throw bad('short header');
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumOk(header)) throw bad('header checksum mismatch');
    const size = parseNumber(header.subarray(124, 136));
    if (size === undefined || size < 0) throw bad('bad size field');
    const typeflag = String.fromCharCode(header[156] ?? 0);
    const dataAt = pos + BLOCK;
    const next = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    if (dataAt + size > fileSize) throw bad('unexpected end of file');

    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      if (size > MAX_META) throw bad('oversized metadata record');
      const data = await readBlock(dataAt, size);
      if (typeflag === 'L') longName = cString(data);
      else if (typeflag === 'K') longLink = cString(data);
      else if (typeflag === 'x') pax = parsePax(data);
      else global = { ...global, ...parsePax(data) };
      pos = next;
      continue;
    }

    const ustar = header.subarray(257, 262).toString('latin1') === 'ustar';
    const prefix = ustar ? cString(header.subarray(345, 500)) : '';
    const rawName = pax.path ?? longName ?? (prefix === '' ? '' : `${prefix}/`) + cString(header.subarray(0, 100));
    const linkname = pax.linkpath ?? longLink ?? cString(header.subarray(157, 257));
    const paxSize = pax.size ?? global.size;
    const realSize = paxSize === undefined ? size : Number(paxSize);
    const type = typeOf(typeflag);
    const name = normalizeImagePath(rawName);
    if (name !== undefined && name !== '') {
      entries.set(name, {
        name,
        type,
        offset: dataAt,
        size: type === 'file' ? realSize : 0,
        ...(linkname === '' ? {} : { linkname }),
      });
    }
    longName = undefined;
    longLink = undefined;
    pax = {};
    // Hard links and dirs carry no data even if a size is written (pax size overrides the header).
    pos = type === 'file' && paxSize !== undefined ? dataAt + Math.ceil(realSize / BLOCK) * BLOCK : next;
  }
  return entries;
}

function typeOf(flag: string): TarIndexEntry['type'] {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'dir';
    case '2':
      return 'symlink';
    case '1':
      return 'link';
    default:
      return 'other';
  }
}

function cString(buf: Buffer): string {
  const end = buf.indexOf(0);
  return buf.subarray(0, end === -1 ? buf.length : end).toString('utf8');
}

/** Octal, or GNU base-256 when the top bit is set (sizes over 8 GiB). */
function parseNumber(field: Buffer): number | undefined {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let n = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] ?? 0);
    return n;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return Number.parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = parseNumber(header.subarray(148, 156));
  let unsigned = 0;
  for (let i = 0; i < BLOCK; i++) unsigned += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return stored === unsigned;
}

/** `len key=value\n` records. */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space === -1) break;
    const len = Number.parseInt(data.subarray(i, space).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = data.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq !== -1) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}
