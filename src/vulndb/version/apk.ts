import type { VersionComparer } from '../types.js';

/**
 * Alpine version order, hand-written after apk-tools' src/version.c (the 2.14/3.x tokenizer):
 * `digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}`. No npm library implements it.
 *
 * Like apk, `compare` never throws: apk gives invalid versions a defined place (an invalid tail sorts
 * below everything a valid version could continue with), and the matcher must agree with apk.
 */

// Token kinds in the order apk uses when one version ends or changes kind before the other.
const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const COMMIT_HASH = 5;
const REVISION_NO = 6;
const END = 7;
const INVALID = 8;

// Pre-release suffixes sort below "no suffix" (NONE), post-release ones above it.
const SUFFIXES: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const SUFFIX_NONE = 5;

interface Token {
  kind: number;
  /** The token's text: digits, the letter, the suffix name or the hash. */
  value: string;
  suffix: number;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLower = (c: string): boolean => c >= 'a' && c <= 'z';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f');

class Tokenizer {
  private pos = 0;
  readonly token: Token = { kind: INITIAL_DIGIT, value: '', suffix: 0 };

  constructor(private readonly s: string) {
    this.digits(INITIAL_DIGIT);
  }

  private span(pred: (c: string) => boolean): string {
    const start = this.pos;
    while (this.pos < this.s.length && pred(this.s.charAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  private digits(kind: number): void {
    this.token.kind = kind;
    this.token.value = this.span(isDigit);
    if (this.token.value === '') this.token.kind = INVALID;
  }

  /** Advances to the next token; each kind may only follow the kinds apk allows before it. */
  next(): void {
    const t = this.token;
    if (this.pos >= this.s.length) {
      t.kind = END;
      return;
    }
    const c = this.s.charAt(this.pos);
    if (isLower(c)) {
      if (t.kind > DIGIT) {
        this.invalid();
        return;
      }
      t.kind = LETTER;
      t.value = c;
      this.pos++;
    } else if (c === '.' || isDigit(c)) {
      if (c === '.') {
        if (t.kind > DIGIT) {
          this.invalid();
          return;
        }
        this.pos++;
      }
      if (t.kind === INITIAL_DIGIT || t.kind === DIGIT) this.digits(DIGIT);
      else if (t.kind === SUFFIX) this.digits(SUFFIX_NO);
      else this.invalid();
    } else if (c === '_') {
      if (t.kind > SUFFIX_NO) {
        this.invalid();
        return;
      }
      this.pos++;
      t.value = this.span(isLower);
      t.suffix = SUFFIXES[t.value] ?? 0;
      if (t.suffix === 0) {
        this.invalid();
        return;
      }
      t.kind = SUFFIX;
    } else if (c === '~') {
      if (t.kind >= COMMIT_HASH) {
        this.invalid();
        return;
      }
      this.pos++;
      t.value = this.span(isHex);
      if (t.value === '') {
        this.invalid();
        return;
      }
      t.kind = COMMIT_HASH;
    } else if (c === '-') {
      if (t.kind >= REVISION_NO || this.s.charAt(this.pos + 1) !== 'r') {
        this.invalid();
        return;
      }
      this.pos += 2;
      this.digits(REVISION_NO);
    } else {
      this.invalid();
    }
  }

  private invalid(): void {
    this.token.kind = INVALID;
  }
}

/** Byte order, then shorter first (apk_blob_sort). */
function stringSort(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric order of digit strings of any length (apk uses uint64; real versions never overflow it). */
function numberSort(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return stringSort(x, y);
}

function tokenCompare(a: Token, b: Token): number {
  switch (a.kind) {
    case DIGIT:
      // A leading zero after a dot means "compare as text" (Gentoo rule): 1.01 < 1.1, 1.001 < 1.01.
      if (a.value.startsWith('0') || b.value.startsWith('0')) return stringSort(a.value, b.value);
      return numberSort(a.value, b.value);
    case INITIAL_DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      return numberSort(a.value, b.value);
    case LETTER:
      return stringSort(a.value, b.value);
    case SUFFIX:
      return a.suffix - b.suffix;
    default:
      return stringSort(a.value, b.value);
  }
}

export function compareApkVersions(a: string, b: string): number {
  const ta = new Tokenizer(a);
  const tb = new Tokenizer(b);
  while (ta.token.kind === tb.token.kind && ta.token.kind < END) {
    const r = tokenCompare(ta.token, tb.token);
    if (r !== 0) return Math.sign(r);
    ta.next();
    tb.next();
  }
  const ka = ta.token.kind;
  const kb = tb.token.kind;
  if (ka === kb) return 0;
  // Equal so far: the longer version is newer, unless what follows is a pre-release suffix.
  if (ka === SUFFIX && ta.token.suffix < SUFFIX_NONE) return -1;
  if (kb === SUFFIX && tb.token.suffix < SUFFIX_NONE) return 1;
  // Otherwise the kind that comes earlier in the grammar (more version left) wins; END and INVALID are last.
  return ka > kb ? -1 : 1;
}

/** apk_version_validate: the whole string tokenizes to END. */
export function isValidApkVersion(v: string): boolean {
  const t = new Tokenizer(v);
  while (t.token.kind < END) t.next();
  return t.token.kind === END;
}

export const apkComparer: VersionComparer = {
  ecosystem: 'apk',
  compare: compareApkVersions,
  valid: isValidApkVersion,
};
