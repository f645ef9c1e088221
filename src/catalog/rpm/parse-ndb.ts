import { DbFormatError, type DbRecord } from './parse-bdb.js';

/**
 * rpm's own "ndb" package database (`Packages.db`, SUSE), per rpm's `lib/backend/ndb/rpmpkg.c`
 * (go-rpmdb's `pkg/ndb` reads the same layout). All integers little-endian.
 *
 * - The file starts with `slotNPages` 4 KiB slot pages. Their first 32 bytes are the file header:
 *   magic `RpmP`, format version 0, generation, slotNPages (u32 each).
 * - The rest of the slot pages is an array of 16-byte slots: magic `Slot`, package index (0 = free),
 *   block offset and block count, in 16-byte blocks.
 * - A package's block starts with a 16-byte blob header: magic `BlbS`, package index, checksum,
 *   blob length; the header blob follows.
 */

const HEADER_MAGIC = 0x506d7052; // 'RpmP'
const SLOT_MAGIC = 0x746f6c53; // 'Slot'
const BLOB_MAGIC = 0x53626c42; // 'BlbS'
const SLOT_PAGE = 4096;
const SLOT_SIZE = 16;
const BLOCK = 16;
const BLOB_HEADER = 16;
/** rpm's and go-rpmdb's limit: more slot pages than this is a corrupt header, not a real database. */
const MAX_SLOT_PAGES = 2048;

export function isNdb(buf: Uint8Array): boolean {
  return (
    buf.length >= 32 && new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(0, true) === HEADER_MAGIC
  );
}

export function* readNdbBlobs(buf: Uint8Array): Generator<DbRecord> {
  if (!isNdb(buf)) throw new DbFormatError('not an rpm ndb database (no RpmP magic)');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  if (u32(4) !== 0) throw new DbFormatError(`unsupported ndb version ${u32(4)}`);
  const slotPages = u32(12);
  if (slotPages === 0 || slotPages > MAX_SLOT_PAGES || slotPages * SLOT_PAGE > buf.length) {
    throw new DbFormatError(`bad slot page count ${slotPages}`);
  }
  // The first two slot-sized cells are the file header.
  for (let at = 2 * SLOT_SIZE, slot = 0; at < slotPages * SLOT_PAGE; at += SLOT_SIZE, slot++) {
    const where = `slot ${slot}`;
    if (u32(at) !== SLOT_MAGIC) {
      yield { where, error: 'bad slot magic' };
      continue;
    }
    const pkgIndex = u32(at + 4);
    if (pkgIndex === 0) continue;
    const blockOffset = u32(at + 8) * BLOCK;
    const blockBytes = u32(at + 12) * BLOCK;
    if (blockOffset < slotPages * SLOT_PAGE || blockOffset + BLOB_HEADER > buf.length) {
      yield { where, error: `package ${pkgIndex}: block offset ${blockOffset} outside the file` };
      continue;
    }
    if (u32(blockOffset) !== BLOB_MAGIC || u32(blockOffset + 4) !== pkgIndex) {
      yield { where, error: `package ${pkgIndex}: no blob header at offset ${blockOffset}` };
      continue;
    }
    const length = u32(blockOffset + 12);
    const start = blockOffset + BLOB_HEADER;
    if (BLOB_HEADER + length > blockBytes || start + length > buf.length) {
      yield { where, error: `package ${pkgIndex}: blob of ${length} bytes overruns its block` };
      continue;
    }
    yield { where: `${where} (package ${pkgIndex})`, value: buf.subarray(start, start + length) };
  }
}
