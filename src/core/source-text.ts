import type { Location, Position, Span } from './location.js';

/**
 * A text with a line index, so spans (offsets) and positions (line/column) convert both ways
 * in O(log lines). Line breaks are \n, \r\n or a lone \r.
 */
export class SourceText {
  readonly path: string;
  readonly text: string;
  private readonly lineStarts: number[];

  constructor(path: string, text: string) {
    this.path = path;
    this.text = text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset → 1-based position. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** 0-based line and character (LSP style, as dockerfile-ast reports) → offset. */
  offsetAt(line0: number, character: number): number {
    const start = this.lineStarts[line0];
    if (start === undefined) return this.text.length;
    return Math.min(start + character, this.lineEnd(line0 + 1));
  }

  /** Offset of the end of a 1-based line, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next;
    if (next !== undefined) {
      if (this.text.charCodeAt(end - 1) === 10) end--;
      if (this.text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  location(span: Span): Location {
    const start = this.positionAt(span.start);
    const end = this.positionAt(span.end);
    return { path: this.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}
