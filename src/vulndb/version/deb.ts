import { DrydockError } from '../../core/errors.js';
import type { VersionComparer } from '../types.js';

/**
 * Debian version order, hand-written after dpkg's lib/dpkg/version.c and parsehelp.c: no npm library
 * implements dpkg's exact parse rules (epoch limits, warning-level characters), and the matcher must agree
 * with `dpkg --compare-versions` bit for bit.
 */

export interface DebVersion {
  readonly epoch: number;
  readonly upstream: string;
  /** Empty when the version has no `-revision`. */
  readonly revision: string;
}

/**
 * dpkg distinguishes errors (it refuses the version) from warnings (it complains but still compares).
 * `ok: true` with a `warning` is such a tolerated-but-invalid version.
 */
export type DebParse =
  | { readonly ok: true; readonly version: DebVersion; readonly warning?: string }
  | { readonly ok: false; readonly error: string };

const INT_MAX = 2147483647;
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
// C isspace() in the "C" locale.
const SPACE = /[ \t\n\v\f\r]/;

export function parseDebVersion(input: string): DebParse {
  // dpkg strips leading and trailing blanks, then rejects any left inside.
  let start = 0;
  let end = input.length;
  while (start < end && SPACE.test(input.charAt(start))) start++;
  while (end > start && SPACE.test(input.charAt(end - 1))) end--;
  const s = input.slice(start, end);
  if (s === '') return { ok: false, error: 'version string is empty' };
  if (SPACE.test(s)) return { ok: false, error: 'version string has embedded spaces' };

  let epoch = 0;
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    // strtol semantics: optional sign, then digits, and they must run exactly up to the first colon.
    const m = /^[+-]?\d*/.exec(s)?.[0] ?? '';
    if (m === '' || m === '+' || m === '-') return { ok: false, error: 'epoch in version is empty' };
    if (m.length !== colon) return { ok: false, error: 'epoch in version is not number' };
    if (m.startsWith('-') && /[1-9]/.test(m)) return { ok: false, error: 'epoch in version is negative' };
    const digits = m.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '');
    if (digits.length > 10 || Number(digits) > INT_MAX) return { ok: false, error: 'epoch in version is too big' };
    epoch = Number(digits);
    rest = s.slice(colon + 1);
    if (rest === '') return { ok: false, error: 'nothing after colon in version number' };
  }

  // The revision is everything after the LAST hyphen, so upstream may itself contain hyphens.
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (hyphen >= 0 && revision === '') return { ok: false, error: 'revision number is empty' };
  if (upstream === '') return { ok: false, error: 'upstream version is empty' };

  const version: DebVersion = { epoch, upstream, revision };
  if (!isDigit(upstream.charAt(0))) {
    return { ok: true, version, warning: 'version number does not start with digit' };
  }
  for (const c of upstream) {
    if (!isDigit(c) && !isAlpha(c) && !'.-+~:'.includes(c)) {
      return { ok: true, version, warning: 'invalid character in version number' };
    }
  }
  for (const c of revision) {
    if (!isDigit(c) && !isAlpha(c) && !'.+~'.includes(c)) {
      return { ok: true, version, warning: 'invalid character in revision number' };
    }
  }
  return { ok: true, version };
}

/** Character weight in a non-digit run: `~` below the end of string, letters below all other symbols. */
function order(c: string): number {
  if (c === '') return 0;
  if (isDigit(c)) return 0;
  if (isAlpha(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

/**
 * dpkg's verrevcmp on one part (upstream or revision): alternate non-digit runs (compared by `order`)
 * and digit runs (compared numerically, so leading zeros and arbitrary length are fine).
 */
export function compareDebPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charAt(i))) || (j < b.length && !isDigit(b.charAt(j)))) {
      const ac = order(a.charAt(i));
      const bc = order(b.charAt(j));
      if (ac !== bc) return Math.sign(ac - bc);
      i++;
      j++;
    }
    while (a.charAt(i) === '0') i++;
    while (b.charAt(j) === '0') j++;
    while (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charAt(i))) return 1;
    if (isDigit(b.charAt(j))) return -1;
    if (firstDiff !== 0) return Math.sign(firstDiff);
  }
  return 0;
}

export function compareDebVersions(a: DebVersion, b: DebVersion): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return compareDebPart(a.upstream, b.upstream) || compareDebPart(a.revision, b.revision);
}

function mustParse(v: string): DebVersion {
  const r = parseDebVersion(v);
  // Warning-level versions are still compared, as `dpkg --compare-versions` does.
  if (!r.ok) throw new DrydockError('parse', `invalid Debian version '${v}': ${r.error}`);
  return r.version;
}

export const debComparer: VersionComparer = {
  ecosystem: 'deb',
  compare: (a, b) => compareDebVersions(mustParse(a), mustParse(b)),
  valid: (v) => {
    const r = parseDebVersion(v);
    return r.ok && r.warning === undefined;
  },
};
