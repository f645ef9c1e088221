import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { xz } from '@napi-rs/lzma';
import { Decompress as ZstdDecompress } from 'fzstd';
import { extract } from 'tar-stream';
import { DrydockError } from '../../core/errors.js';

/**
 * Reads files out of a .deb without dpkg-deb and without running anything from it: a .deb is an
 * `ar` archive (deb(5)) holding `debian-binary`, `control.tar.*` and `data.tar.*`; the wanted
 * paths are picked out of data.tar as it streams by.
 */

export interface ArMember {
  readonly name: string;
  readonly data: Buffer;
}

const AR_MAGIC = '!<arch>\n';
const AR_HEADER = 60;

/** The members of a common-format `ar` archive (the only one dpkg writes: short names, no symbol table). */
export function parseAr(buf: Buffer, where: string): ArMember[] {
  if (buf.subarray(0, AR_MAGIC.length).toString('latin1') !== AR_MAGIC) {
    throw new DrydockError('parse', 'not a .deb (no ar magic)', { where });
  }
  const members: ArMember[] = [];
  let pos = AR_MAGIC.length;
  while (pos + AR_HEADER <= buf.length) {
    const header = buf.subarray(pos, pos + AR_HEADER).toString('latin1');
    if (header.slice(58, 60) !== '`\n') throw new DrydockError('parse', `bad ar header at byte ${pos}`, { where });
    // GNU ar ends names with "/"; dpkg's own writer pads with spaces.
    const name = header.slice(0, 16).trim().replace(/\/$/, '');
    const size = Number.parseInt(header.slice(48, 58).trim(), 10);
    if (!Number.isFinite(size) || size < 0 || pos + AR_HEADER + size > buf.length) {
      throw new DrydockError('parse', `ar member ${name} runs past the end of the file`, { where });
    }
    members.push({ name, data: buf.subarray(pos + AR_HEADER, pos + AR_HEADER + size) });
    // Members start on even offsets.
    pos += AR_HEADER + size + (size % 2);
  }
  return members;
}

export type DebEntry =
  | { readonly type: 'file'; readonly data: Buffer }
  | { readonly type: 'symlink'; readonly target: string }
  | { readonly type: 'hardlink'; readonly target: string };

/** `./usr/share/doc/x` and `usr/share/doc/x/` → `usr/share/doc/x`. */
export function normalizeTarPath(name: string): string {
  return name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

/** data.tar, decompressed as a stream by its member name's suffix. */
function dataTarStream(member: ArMember, where: string): Readable {
  const suffix = member.name.slice('data.tar'.length);
  const raw = Readable.from([member.data]);
  switch (suffix) {
    case '':
      return raw;
    case '.gz':
      return raw.pipe(createGunzip());
    case '.zst':
      return zstdStream(member.data);
    case '.xz':
      // The xz library decodes whole buffers only; a data.tar of a container package is small.
      return Readable.from(
        (async function* () {
          yield await xz.decompress(member.data);
        })(),
      );
    default:
      throw new DrydockError('parse', `unsupported ${member.name} (bzip2/lzma data tars are not read)`, { where });
  }
}

function zstdStream(data: Buffer): Readable {
  const out = new Readable({ read() {} });
  const d = new ZstdDecompress((chunk, final) => {
    out.push(Buffer.from(chunk));
    if (final) out.push(null);
  });
  // Feeding in slices keeps fzstd's output chunks (and memory) small.
  const step = 1 << 20;
  try {
    for (let i = 0; i < data.length; i += step) d.push(data.subarray(i, i + step), i + step >= data.length);
  } catch (err) {
    out.destroy(err as Error);
  }
  return out;
}

/**
 * The entries of data.tar whose normalised path `want` accepts: file contents, symlink and
 * hardlink targets. Everything else streams past unread.
 */
export async function readDebEntries(
  deb: Buffer,
  want: (path: string) => boolean,
  where: string,
): Promise<Map<string, DebEntry>> {
  const data = parseAr(deb, where).find((m) => m.name.startsWith('data.tar'));
  if (!data) throw new DrydockError('parse', 'no data.tar member', { where });
  const found = new Map<string, DebEntry>();
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on('entry', (header, stream, next) => {
      const path = normalizeTarPath(header.name);
      const wanted = want(path);
      if (wanted && header.type === 'symlink' && header.linkname) {
        found.set(path, { type: 'symlink', target: header.linkname });
      } else if (wanted && header.type === 'link' && header.linkname) {
        found.set(path, { type: 'hardlink', target: normalizeTarPath(header.linkname) });
      }
      if (!wanted || header.type !== 'file') {
        stream.on('end', next);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        found.set(path, { type: 'file', data: Buffer.concat(chunks) });
        next();
      });
      stream.on('error', reject);
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  const source = dataTarStream(data, where);
  source.on('error', (err) => tar.destroy(err));
  source.pipe(tar);
  try {
    await done;
  } catch (err) {
    throw new DrydockError('parse', `cannot read ${data.name}: ${(err as Error).message}`, { where, cause: err });
  }
  return found;
}
