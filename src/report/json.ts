import type { Finding, LintReport } from '../core/finding.js';
import { SourceText } from '../core/source-text.js';
import type { Reporter } from './reporter.js';
import { countBySeverity } from './summary.js';

/**
 * The stable JSON output, schema docs/schemas/lint-report.v1.json. Field names and meanings only
 * change with `schemaVersion`.
 */
export const LINT_JSON_SCHEMA_VERSION = 1;

export interface JsonPosition {
  readonly line: number;
  readonly column: number;
}

export interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly aliases: readonly string[];
  readonly fix: {
    readonly description: string;
    readonly edits: readonly { readonly start: JsonPosition; readonly end: JsonPosition; readonly text: string }[];
  } | null;
}

export const jsonReporter: Reporter = {
  id: 'json',
  description: 'stable JSON (docs/schemas/lint-report.v1.json)',
  render(report: LintReport): string {
    const texts = new Map<string, SourceText>();
    const out = {
      schemaVersion: LINT_JSON_SCHEMA_VERSION,
      tool: report.tool,
      files: report.files,
      summary: {
        total: report.findings.length,
        bySeverity: countBySeverity(report.findings),
        errors: report.errors.length,
      },
      findings: report.findings.map((f) => toJson(f, report, texts)),
      errors: report.errors.map((e) => ({
        file: e.path,
        line: e.line ?? null,
        column: e.column ?? null,
        message: e.message,
      })),
    };
    return `${JSON.stringify(out, null, 2)}\n`;
  },
};

function toJson(f: Finding, report: LintReport, texts: Map<string, SourceText>): JsonFinding {
  const l = f.location;
  let fix: JsonFinding['fix'] = null;
  const text = report.sources.get(l.path);
  if (f.fix && text !== undefined) {
    let source = texts.get(l.path);
    if (!source) {
      source = new SourceText(l.path, text);
      texts.set(l.path, source);
    }
    const s = source;
    fix = {
      description: f.fix.description,
      edits: f.fix.edits.map((e) => ({
        start: s.positionAt(e.span.start),
        end: s.positionAt(e.span.end),
        text: e.text,
      })),
    };
  }
  return {
    file: l.path,
    line: l.line,
    column: l.column,
    endLine: l.endLine,
    endColumn: l.endColumn,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    aliases: f.aliases,
    fix,
  };
}
