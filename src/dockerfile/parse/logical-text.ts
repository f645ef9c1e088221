import type { Span } from '../../core/location.js';

/**
 * The text Docker hands to the shell for one instruction, with a map back to file offsets.
 *
 * Docker (BuildKit's parser) joins continuation lines by removing the escape character, any
 * trailing blanks and the line break, and drops empty or comment-only lines inside a
 * continuation. The shell never sees those comments, so neither may our shell parser.
 */
export interface LogicalText {
  readonly text: string;
  /** `offsets[i]` is the file offset of `text[i]`; `offsets[text.length]` is the end. */
  readonly offsets: Int32Array;
}

export function toFileSpan(logical: LogicalText, span: Span): Span {
  const start = logical.offsets[Math.min(span.start, logical.text.length)] ?? 0;
  // The end is exclusive: map the last included character and step past it.
  const endChar = Math.max(span.start, span.end - 1);
  const last = logical.offsets[Math.min(endChar, logical.text.length)] ?? start;
  return { start, end: span.end > span.start ? last + 1 : start };
}

/** Joins continuation lines of `source[span]` the way Docker does. */
export function joinContinuations(source: string, span: Span, escapeChar: string): LogicalText {
  // Segments of the file that survive, each followed by a line break or not.
  const starts: number[] = [];
  const ends: number[] = [];
  const breaks: number[] = [];
  let length = 0;
  let i = span.start;
  const end = span.end;
  let continuing = false;
  while (i < end) {
    const lineEnd = findLineEnd(source, i, end);
    if (continuing && lineEnd < end && isBlankOrComment(source, i, lineEnd)) {
      i = skipBreak(source, lineEnd);
      continue;
    }
    const cont = continuationAt(source, i, lineEnd, escapeChar);
    const keepEnd = cont === -1 ? lineEnd : cont;
    const lineBreak = cont === -1 && lineEnd < end ? lineEnd : -1;
    starts.push(i);
    ends.push(keepEnd);
    breaks.push(lineBreak);
    length += keepEnd - i + (lineBreak === -1 ? 0 : 1);
    continuing = cont !== -1;
    i = skipBreak(source, lineEnd);
  }
  const offsets = new Int32Array(length + 1);
  const parts: string[] = [];
  let k = 0;
  for (let n = 0; n < starts.length; n++) {
    const a = starts[n] as number;
    const b = ends[n] as number;
    parts.push(source.slice(a, b));
    for (let o = a; o < b; o++) offsets[k++] = o;
    const br = breaks[n] as number;
    if (br !== -1) {
      parts.push('\n');
      offsets[k++] = br;
    }
  }
  offsets[k] = end;
  return { text: parts.join(''), offsets };
}

function isBlankOrComment(source: string, from: number, to: number): boolean {
  let k = from;
  while (k < to && (source[k] === ' ' || source[k] === '\t')) k++;
  return k === to || source[k] === '#';
}

/** The text verbatim (heredoc bodies: the shell, not Docker, handles their backslashes). */
export function verbatim(source: string, span: Span): LogicalText {
  const offsets = new Int32Array(span.end - span.start + 1);
  for (let k = 0; k < offsets.length; k++) offsets[k] = span.start + k;
  return { text: source.slice(span.start, span.end), offsets };
}

/** Concatenates two logical texts (a joined first line and a verbatim heredoc tail). */
export function concatLogical(a: LogicalText, b: LogicalText): LogicalText {
  const offsets = new Int32Array(a.text.length + b.offsets.length);
  offsets.set(a.offsets.subarray(0, a.text.length), 0);
  offsets.set(b.offsets, a.text.length);
  return { text: a.text + b.text, offsets };
}

function findLineEnd(source: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return limit;
}

function skipBreak(source: string, at: number): number {
  if (source.charCodeAt(at) === 13 && source.charCodeAt(at + 1) === 10) return at + 2;
  return at + 1;
}

/** Index of the escape character that continues the line `source[from, to)`, or -1. */
function continuationAt(source: string, from: number, to: number, escapeChar: string): number {
  let k = to;
  while (k > from && (source[k - 1] === ' ' || source[k - 1] === '\t')) k--;
  // Docker checks only the last escape character (its regex is `\\[ \t]*$`), so `\\` at the
  // end of a line still continues it.
  return k > from && source[k - 1] === escapeChar ? k - 1 : -1;
}
