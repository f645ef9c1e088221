import type { Span } from '../core/location.js';

/**
 * A string assembled from pieces of a file (continuation lines joined, comments cut, `${VAR}` expanded)
 * that still knows where each character came from, so a finding on the assembled text points at the
 * file and a fix replaces the right characters.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    /** `offsets[i]` is the file offset of `text[i]`. */
    private readonly offsets: readonly number[],
    /** `inserted[i]`: `text[i]` is not in the file (it came from an expanded variable). */
    private readonly inserted: readonly boolean[],
    /** The offset just after the last character. */
    readonly end: number,
  ) {}

  /** `text` found at `start` in the file, unchanged. */
  static of(text: string, start: number): MappedText {
    return new MappedText(
      text,
      Array.from({ length: text.length }, (_, i) => start + i),
      new Array<boolean>(text.length).fill(false),
      start + text.length,
    );
  }

  static concat(parts: readonly MappedText[], end?: number): MappedText {
    const last = parts[parts.length - 1];
    return new MappedText(
      parts.map((p) => p.text).join(''),
      parts.flatMap((p) => p.offsets),
      parts.flatMap((p) => p.inserted),
      end ?? last?.end ?? 0,
    );
  }

  get length(): number {
    return this.text.length;
  }

  get start(): number {
    return this.offsets[0] ?? this.end;
  }

  offsetAt(index: number): number {
    return index >= this.text.length ? this.end : (this.offsets[Math.max(0, index)] ?? this.end);
  }

  /** The file span of `[from, to)`. */
  span(from: number, to: number): Span {
    const start = this.offsetAt(from);
    if (to <= from) return { start, end: start };
    return { start, end: to >= this.text.length ? this.end : (this.offsets[to - 1] ?? start) + 1 };
  }

  /** Is `[from, to)` one unbroken run of the file, so replacing its span replaces exactly this text? */
  contiguous(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      if (this.inserted[i]) return false;
      if (i > from && this.offsets[i] !== (this.offsets[i - 1] ?? -2) + 1) return false;
    }
    return true;
  }

  slice(from: number, to: number = this.text.length): MappedText {
    const a = Math.max(0, Math.min(from, this.text.length));
    const b = Math.max(a, Math.min(to, this.text.length));
    const end = b === a ? this.offsetAt(a) : b >= this.text.length ? this.end : (this.offsets[b - 1] ?? 0) + 1;
    return new MappedText(this.text.slice(a, b), this.offsets.slice(a, b), this.inserted.slice(a, b), end);
  }

  /** Python's `str.strip()`, keeping the map. */
  trim(): MappedText {
    const lead = this.text.length - this.text.trimStart().length;
    return this.slice(lead, lead + this.text.trim().length);
  }

  /** Replaces `[from, to)` by `text`; the new characters map to where the replaced run started. */
  replace(from: number, to: number, text: string): MappedText {
    const at = this.offsetAt(from);
    const added = new MappedText(
      text,
      new Array<number>(text.length).fill(at),
      new Array<boolean>(text.length).fill(true),
      at,
    );
    return MappedText.concat([this.slice(0, from), added, this.slice(to)], this.end);
  }
}
