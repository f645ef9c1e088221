import type { VersionComparer } from '../types.js';

/**
 * RPM version order, hand-written after rpm's rpmio/rpmvercmp.c (rpmvercmp) and lib/rpmver.c
 * (EVR parse and compare): no maintained npm library implements the `~`/`^` rules.
 *
 * Like rpm, `compare` never throws: rpm orders any string, so an odd version in an advisory still gets
 * the place rpm itself would give it.
 */

export interface RpmEvr {
  /** Absent when the string has no `N:` prefix; compared as 0, like rpm. */
  readonly epoch?: string;
  readonly version: string;
  /** Absent when there is no `-`; then the EVR sorts below the same version with any release. */
  readonly release?: string;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
// ASCII only, as rpm's risalnum: any other character (including non-ASCII) is a separator.
const isAlnum = (c: string): boolean => isDigit(c) || isAlpha(c);

/** rpm's parseEVR: epoch is the leading digits when a `:` follows them; release is after the last `-`. */
export function parseRpmEvr(evr: string): RpmEvr {
  let i = 0;
  while (i < evr.length && isDigit(evr.charAt(i))) i++;
  let epoch: string | undefined;
  let rest = evr;
  if (evr.charAt(i) === ':') {
    epoch = i === 0 ? '0' : evr.slice(0, i);
    rest = evr.slice(i + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return epoch === undefined ? { version: rest } : { epoch, version: rest };
  const version = rest.slice(0, hyphen);
  const release = rest.slice(hyphen + 1);
  return epoch === undefined ? { version, release } : { epoch, version, release };
}

/** Plain byte order of two segments (strcmp), as -1/0/1. */
function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * rpmvercmp: split into alphanumeric segments (anything else separates); numeric segments beat alpha ones
 * and compare by value; `~` sorts before everything, even the end of the string; `^` sorts after the end
 * of the string but before any further segment.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const skip = (s: string, k: number): number => {
    while (k < s.length && !isAlnum(s.charAt(k)) && s.charAt(k) !== '~' && s.charAt(k) !== '^') k++;
    return k;
  };
  while (i < a.length || j < b.length) {
    i = skip(a, i);
    j = skip(b, j);
    const ca = a.charAt(i);
    const cb = b.charAt(j);

    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (ca === '') return -1;
      if (cb === '') return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '' || cb === '') break;

    const numeric = isDigit(ca);
    const segment = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (ei < a.length && segment(a.charAt(ei))) ei++;
    while (ej < b.length && segment(b.charAt(ej))) ej++;
    // Different segment kinds: b's segment is empty. A numeric segment is newer than an alpha one.
    if (ej === j) return numeric ? 1 : -1;

    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      // More digits (after leading zeros) is the bigger number: no overflow on long dates or hashes.
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    const r = strcmp(sa, sb);
    if (r !== 0) return r;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  // Equal segments but one string has characters left (only separators would have been skipped).
  return i >= a.length ? -1 : 1;
}

/**
 * rpmverCmp as the real rpm (4.18) applies it in `rpm.vercmp`: epoch (missing = 0), then version, then
 * release, where a version without release sorts below every version with one (even `1.0-~rc`), so
 * `1.0` < `1.0-1`. rpm's dependency matcher instead skips the release when one side lacks it; that is not a
 * total order, and a comparator used for sorting and for OSV ranges must be one.
 */
export function compareRpmEvr(a: RpmEvr, b: RpmEvr): number {
  const r = rpmvercmp(a.epoch ?? '0', b.epoch ?? '0') || rpmvercmp(a.version, b.version);
  if (r !== 0) return r;
  if (a.release === undefined || b.release === undefined) {
    return a.release === b.release ? 0 : a.release === undefined ? -1 : 1;
  }
  return rpmvercmp(a.release, b.release);
}

/** The characters rpmbuild accepts in Version and Release (macro characters aside). */
const PART = '[A-Za-z0-9._+~^]+';
const EVR = new RegExp(`^(?:\\d+:)?${PART}(?:-${PART})?$`);

export const rpmComparer: VersionComparer = {
  ecosystem: 'rpm',
  compare: (a, b) => compareRpmEvr(parseRpmEvr(a), parseRpmEvr(b)),
  valid: (v) => EVR.test(v),
};
