/** 1-based line and column, as editors and SARIF count them. Columns count UTF-16 code units. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A half-open span of a text: offsets index the text (UTF-16 code units), end excluded. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where a finding or an error is: a file (or image ref), a span in it, and later the image layer. */
export interface Location {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Layer digest, for findings inside image layers. */
  readonly layer?: string;
}

export function formatLocation(location: Pick<Location, 'path' | 'line' | 'column'>): string {
  return `${location.path}:${location.line}:${location.column}`;
}
