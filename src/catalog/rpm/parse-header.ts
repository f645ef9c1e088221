/**
 * rpm header blobs, as every rpmdb backend stores them (no lead, no signature header): a count of
 * index entries `il` and a data length `dl` (big-endian u32 each), `il` 16-byte entries
 * (tag, type, offset, count; big-endian), then `dl` bytes of data. The first entry is usually the
 * "immutable region" tag (63), whose data is a trailer entry telling how many entries the signed
 * region covers; entries after the region ("dribble") were added later and override it.
 *
 * Every offset and length is checked against the blob before it is read: a corrupt header throws
 * an `RpmHeaderError` (which the cataloger turns into a warning), never a RangeError or a read
 * of bytes outside the header.
 */

export class RpmHeaderError extends Error {
  override readonly name = 'RpmHeaderError';
}

/** The fields drydock needs from one installed package. */
export interface RpmHeader {
  readonly name: string;
  readonly version: string;
  readonly release: string;
  readonly epoch?: number;
  readonly arch?: string;
  /** `glibc-2.34-2.cm2.src.rpm` */
  readonly sourceRpm?: string;
  readonly license?: string;
  /** Installed size in bytes (LONGSIZE when present, else SIZE). */
  readonly size?: number;
  readonly vendor?: string;
}

// Tags (rpmtag.h).
const TAG_HEADERIMAGE = 61;
const TAG_HEADERSIGNATURES = 62;
const TAG_HEADERIMMUTABLE = 63;
const TAG_HEADERI18NTABLE = 100;
export const TAG_NAME = 1000;
const TAG_VERSION = 1001;
const TAG_RELEASE = 1002;
const TAG_EPOCH = 1003;
const TAG_SIZE = 1009;
const TAG_VENDOR = 1011;
const TAG_LICENSE = 1014;
const TAG_ARCH = 1022;
const TAG_SOURCERPM = 1044;
const TAG_LONGSIZE = 5009;

// Types (rpmtag.h rpmTagType).
const TYPE_INT32 = 4;
const TYPE_INT64 = 5;
const TYPE_STRING = 6;
const TYPE_BIN = 7;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;
const TYPE_MAX = 9;

const ENTRY_SIZE = 16;
/** rpm's own limits (header.c: hdrchkTags, headerMaxbytes). */
const MAX_ENTRIES = 0xffff;
const MAX_DATA = 256 * 1024 * 1024;

interface IndexEntry {
  readonly tag: number;
  readonly type: number;
  readonly offset: number;
  readonly count: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function parseRpmHeader(blob: Uint8Array): RpmHeader {
  if (blob.length < 8) throw new RpmHeaderError(`header too short (${blob.length} bytes)`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  if (il < 1 || il > MAX_ENTRIES) throw new RpmHeaderError(`bad index entry count ${il}`);
  if (dl > MAX_DATA) throw new RpmHeaderError(`bad data length ${dl}`);
  const dataStart = 8 + il * ENTRY_SIZE;
  const dataEnd = dataStart + dl;
  if (dataEnd > blob.length) {
    throw new RpmHeaderError(`header claims ${dataEnd} bytes, only ${blob.length} present`);
  }

  const readEntry = (at: number): IndexEntry => ({
    tag: view.getInt32(at),
    type: view.getUint32(at + 4),
    offset: view.getInt32(at + 8),
    count: view.getUint32(at + 12),
  });

  const first = readEntry(8);
  let firstData = 0;
  if (first.tag === TAG_HEADERIMAGE || first.tag === TAG_HEADERSIGNATURES || first.tag === TAG_HEADERIMMUTABLE) {
    // The region entry's data is a 16-byte trailer whose negated offset is the region's size in
    // entries; rpm rejects a header whose trailer does not fit or does not add up, and so do we.
    if (first.type !== TYPE_BIN || first.count !== ENTRY_SIZE) throw new RpmHeaderError('bad region tag entry');
    if (first.offset < 0 || first.offset + ENTRY_SIZE > dl) throw new RpmHeaderError('region trailer out of bounds');
    const trailer = readEntry(dataStart + first.offset);
    const regionBytes = -trailer.offset;
    const ril = regionBytes / ENTRY_SIZE;
    if (
      trailer.tag < TAG_HEADERIMAGE ||
      trailer.tag > TAG_HEADERIMMUTABLE ||
      !Number.isInteger(ril) ||
      ril < 1 ||
      ril > il
    ) {
      throw new RpmHeaderError('bad region trailer');
    }
    firstData = 1;
  }

  // Later entries win: dribble entries appended after the region replace the region's value.
  // Like rpm's hdrblobVerifyInfo, every entry's data must lie inside the data store, after the
  // previous entry's: so a string that runs on into its neighbour is caught here, once.
  const entries = new Map<number, IndexEntry>();
  let previousEnd = 0;
  for (let i = firstData; i < il; i++) {
    const entry = readEntry(8 + i * ENTRY_SIZE);
    const what = `entry ${i} (tag ${entry.tag})`;
    if (entry.tag < TAG_HEADERI18NTABLE) throw new RpmHeaderError(`entry ${i}: bad tag ${entry.tag}`);
    if (entry.type > TYPE_MAX) throw new RpmHeaderError(`${what}: bad type ${entry.type}`);
    if (entry.offset < previousEnd || entry.offset > dl) {
      throw new RpmHeaderError(`${what}: offset ${entry.offset} outside data or overlapping the previous entry`);
    }
    const length = dataLength(blob, entry, dataStart, dataEnd);
    if (length === undefined || entry.offset + length > dl) throw new RpmHeaderError(`${what}: data out of bounds`);
    previousEnd = entry.offset + length;
    entries.set(entry.tag, entry);
  }

  const str = (tag: number): string | undefined => {
    const entry = entries.get(tag);
    if (!entry) return undefined;
    if (entry.type !== TYPE_STRING && entry.type !== TYPE_STRING_ARRAY && entry.type !== TYPE_I18NSTRING) {
      throw new RpmHeaderError(`tag ${tag}: type ${entry.type} is not a string`);
    }
    if (entry.count < 1) throw new RpmHeaderError(`tag ${tag}: empty string entry`);
    const start = dataStart + entry.offset;
    const nul = blob.subarray(start, dataEnd).indexOf(0);
    if (nul < 0) throw new RpmHeaderError(`tag ${tag}: string runs past the end of the header`);
    return utf8.decode(blob.subarray(start, start + nul));
  };
  const int = (tag: number): number | undefined => {
    const entry = entries.get(tag);
    if (!entry) return undefined;
    const width = entry.type === TYPE_INT32 ? 4 : entry.type === TYPE_INT64 ? 8 : 0;
    if (width === 0) throw new RpmHeaderError(`tag ${tag}: type ${entry.type} is not an integer`);
    if (entry.count < 1 || entry.offset % width !== 0 || entry.offset + width > dl) {
      throw new RpmHeaderError(`tag ${tag}: integer out of bounds`);
    }
    const at = dataStart + entry.offset;
    return width === 4 ? view.getUint32(at) : Number(view.getBigUint64(at));
  };
  /** rpm writes `(none)` for an unset optional string in some builds. */
  const optional = (tag: number): string | undefined => {
    const value = str(tag);
    return value === undefined || value === '' || value === '(none)' ? undefined : value;
  };

  const name = str(TAG_NAME);
  const version = str(TAG_VERSION);
  const release = str(TAG_RELEASE);
  if (!name || version === undefined || release === undefined) {
    throw new RpmHeaderError('missing NAME, VERSION or RELEASE');
  }
  const epoch = int(TAG_EPOCH);
  const arch = optional(TAG_ARCH);
  const sourceRpm = optional(TAG_SOURCERPM);
  const license = optional(TAG_LICENSE);
  const size = int(TAG_LONGSIZE) ?? int(TAG_SIZE);
  const vendor = optional(TAG_VENDOR);
  return {
    name,
    version,
    release,
    ...(epoch !== undefined ? { epoch } : {}),
    ...(arch !== undefined ? { arch } : {}),
    ...(sourceRpm !== undefined ? { sourceRpm } : {}),
    ...(license !== undefined ? { license } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(vendor !== undefined ? { vendor } : {}),
  };
}

const TYPE_SIZES: Readonly<Record<number, number>> = { 0: 0, 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1 };

/** Bytes an entry's data takes, or undefined when it does not fit (rpm's dataLength + alignment check). */
function dataLength(blob: Uint8Array, entry: IndexEntry, dataStart: number, dataEnd: number): number | undefined {
  const start = dataStart + entry.offset;
  if (entry.type === TYPE_STRING || entry.type === TYPE_STRING_ARRAY || entry.type === TYPE_I18NSTRING) {
    if (entry.type === TYPE_STRING && entry.count !== 1) return undefined;
    let at = start;
    for (let n = 0; n < entry.count; n++) {
      const nul = blob.indexOf(0, at);
      if (nul < 0 || nul >= dataEnd) return undefined;
      at = nul + 1;
    }
    return at - start;
  }
  const size = TYPE_SIZES[entry.type];
  if (size === undefined || (size > 1 && entry.offset % size !== 0)) return undefined;
  return size * entry.count;
}

/**
 * `glibc-2.34-2.cm2.src.rpm` → `{ name: 'glibc', version: '2.34-2.cm2' }`. The SRPM file name is
 * NAME-VERSION-RELEASE, and neither VERSION nor RELEASE may contain `-`, so the last two dashes split it.
 */
export function splitSourceRpm(sourceRpm: string): { name: string; version?: string } {
  const base = sourceRpm.replace(/\.(?:no)?src\.rpm$/, '');
  const relDash = base.lastIndexOf('-');
  const verDash = relDash > 0 ? base.lastIndexOf('-', relDash - 1) : -1;
  if (verDash <= 0) return { name: base };
  return { name: base.slice(0, verDash), version: base.slice(verDash + 1) };
}
