/**
 * Berkeley DB hash databases, read without libdb: the `var/lib/rpm/Packages` of RHEL/CentOS ≤ 8.
 * Layout per libdb's `dbinc/db_page.h` (the same one go-rpmdb's `pkg/bdb` reads):
 *
 * - page 0 is the hash metadata page: magic 0x061561 at byte 12 (its byte order is the file's),
 *   page size at 20, encryption algorithm at 24, page type 8 at 25, last page number at 32;
 * - every page has a 26-byte header: page number at 8, next page at 16, entry count at 20,
 *   "high free offset" at 22 (on overflow pages: bytes used), page type at 25;
 * - hash pages (type 13, or 2 for the unsorted pages of old rpm) hold after the header an array of
 *   u16 item offsets, key and value alternating; an item's first byte is its type: 1 = data inline
 *   (runs to the previous item's start), 3 = off-page (u32 first overflow page at +4, u32 total
 *   length at +8);
 * - overflow pages (type 7) chain the big values: `next` links them, "high free offset" says how many
 *   of the page's bytes after the header are data.
 *
 * rpm stores each installed package header as a value (key: the package's instance number). Every
 * page number and offset is checked against the file; a broken chain is reported for that record,
 * and the other records are still read.
 */

export interface DbRecord {
  /** What identifies the record in a warning (`page 12 item 3`, `hnum 7`, `slot 40`). */
  readonly where: string;
  readonly value?: Uint8Array;
  readonly error?: string;
}

export class DbFormatError extends Error {
  override readonly name = 'DbFormatError';
}

const HASH_MAGIC = 0x061561;
const PAGE_HEADER = 26;
const PAGE_HASH_UNSORTED = 2;
const PAGE_OVERFLOW = 7;
const PAGE_HASHMETA = 8;
const PAGE_HASH = 13;
const ITEM_KEYDATA = 1;
const ITEM_OFFPAGE = 3;
const OFFPAGE_ITEM_SIZE = 12;
const VALID_PAGE_SIZES = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);
/** Inline values shorter than the smallest possible header (il, dl, one entry) are rpm's bookkeeping records. */
const MIN_HEADER = 8 + 16;

/** True when the buffer starts like a Berkeley DB hash file (either byte order). */
export function isBdbHash(buf: Uint8Array): boolean {
  if (buf.length < 512) return false;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return view.getUint32(12, true) === HASH_MAGIC || view.getUint32(12, false) === HASH_MAGIC;
}

export function* readBdbHashValues(buf: Uint8Array): Generator<DbRecord> {
  if (buf.length < 512) throw new DbFormatError('file too short for a Berkeley DB');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const little = view.getUint32(12, true) === HASH_MAGIC;
  if (!little && view.getUint32(12, false) !== HASH_MAGIC) throw new DbFormatError('not a Berkeley DB hash file');
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const pageSize = u32(20);
  if (!VALID_PAGE_SIZES.has(pageSize)) throw new DbFormatError(`bad page size ${pageSize}`);
  if (buf[24] !== 0) throw new DbFormatError('encrypted Berkeley DB');
  if (buf[25] !== PAGE_HASHMETA) throw new DbFormatError(`page 0 is type ${buf[25]}, not hash metadata`);
  // A file cut short (or a lying last-page field) must not make us read past the end.
  const pagesInFile = Math.floor(buf.length / pageSize);
  const lastPage = Math.min(u32(32), pagesInFile - 1);

  const readOverflow = (first: number, total: number): Uint8Array | string => {
    // Checked before allocating: a corrupt length must not ask for gigabytes.
    if (total > lastPage * (pageSize - PAGE_HEADER)) return `off-page item claims ${total} bytes`;
    const out = new Uint8Array(total);
    let filled = 0;
    const seen = new Set<number>();
    for (let page = first; page !== 0 && filled < total; ) {
      if (page > lastPage) return `overflow page ${page} beyond the end of the file`;
      if (seen.has(page)) return `overflow chain loops at page ${page}`;
      seen.add(page);
      const base = page * pageSize;
      if (buf[base + 25] !== PAGE_OVERFLOW) return `page ${page} is type ${buf[base + 25]}, not overflow`;
      const used = u16(base + 22);
      if (used > pageSize - PAGE_HEADER) return `overflow page ${page} claims ${used} bytes`;
      const take = Math.min(used, total - filled);
      out.set(buf.subarray(base + PAGE_HEADER, base + PAGE_HEADER + take), filled);
      filled += take;
      page = u32(base + 16);
    }
    return filled === total ? out : `overflow chain ends after ${filled} of ${total} bytes`;
  };

  for (let page = 1; page <= lastPage; page++) {
    const base = page * pageSize;
    const type = buf[base + 25];
    if (type !== PAGE_HASH && type !== PAGE_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    if (PAGE_HEADER + entries * 2 > pageSize) {
      yield { where: `page ${page}`, error: `hash page claims ${entries} items` };
      continue;
    }
    const offsetOf = (index: number) => u16(base + PAGE_HEADER + index * 2);
    // Items alternate key, value: the values are the odd indexes.
    for (let index = 1; index < entries; index += 2) {
      const where = `page ${page} item ${index}`;
      const offset = offsetOf(index);
      if (offset < PAGE_HEADER + entries * 2 || offset >= pageSize) {
        yield { where, error: `item offset ${offset} outside its page` };
        continue;
      }
      const itemType = buf[base + offset];
      if (itemType === ITEM_OFFPAGE) {
        if (offset + OFFPAGE_ITEM_SIZE > pageSize) {
          yield { where, error: 'truncated off-page item' };
          continue;
        }
        const value = readOverflow(u32(base + offset + 4), u32(base + offset + 8));
        yield typeof value === 'string' ? { where, error: value } : { where, value };
      } else if (itemType === ITEM_KEYDATA) {
        // Items are packed from the end of the page down: one ends where the previous one starts.
        const end = offsetOf(index - 1);
        if (end > pageSize || end <= offset) {
          yield { where, error: `inline item at ${offset} has a bad length` };
          continue;
        }
        if (end - offset - 1 >= MIN_HEADER) yield { where, value: buf.subarray(base + offset + 1, base + end) };
      }
      // Short inline values (rpm's next-instance counter) and duplicate sets are not headers.
    }
  }
}
