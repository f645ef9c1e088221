import { type Document, parseAllDocuments } from 'yaml';
import type { FileError } from '../core/finding.js';
import type { Location, Span } from '../core/location.js';
import { SourceText } from '../core/source-text.js';

/**
 * A deployment file (YAML or JSON) parsed once with positions. JSON goes through the same YAML 1.2
 * parser (JSON is a subset of YAML 1.2), so every kind gets node ranges from one model; harden
 * writes JSON back as JSON text edits, never re-serialised.
 */
export class ManifestFile {
  readonly path: string;
  readonly source: SourceText;
  /** Every `---` document, in order; documents with errors are kept (their errors are in `errors`). */
  readonly documents: readonly Document.Parsed[];
  /** Syntax errors, located, one per problem. A file with errors is reported, not checked. */
  readonly errors: readonly FileError[];

  constructor(path: string, text: string) {
    this.path = path;
    this.source = new SourceText(path, text);
    // Positions come from SourceText (one line index per file), not the parser's LineCounter.
    // uniqueKeys: a duplicated key silently overrides in kubectl, so we report it as an error instead.
    // An empty stream comes back as an (empty) array-like too: spread it into a plain array.
    this.documents = [...parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false })];
    const errors: FileError[] = [];
    for (const doc of this.documents) {
      for (const e of doc.errors) {
        const pos = this.source.positionAt(e.pos[0]);
        errors.push({ path, line: pos.line, column: pos.column, message: firstLine(e.message) });
      }
    }
    this.errors = errors;
  }

  get text(): string {
    return this.source.text;
  }

  /** Span → Location (1-based, end exclusive as the lint reporters expect). */
  location(span: Span): Location {
    const start = this.source.positionAt(span.start);
    const end = this.source.positionAt(Math.max(span.start, span.end));
    return { path: this.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
