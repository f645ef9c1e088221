import type { Finding } from '../core/finding.js';
import type { Dockerfile } from './parse/dockerfile.js';

/**
 * Inline suppressions, applied after all rules ran (as hadolint does):
 * - `# drydock-ignore=DD3002,DL3008 reason` on the line(s) above an instruction;
 * - `# drydock-ignore-stage=DD2001` above a FROM: that whole stage;
 * - `# drydock-ignore-file=DD1003` anywhere: the whole file;
 * - hadolint's `# hadolint ignore=…`, `# hadolint stage ignore=…` and `# hadolint global ignore=…`,
 *   matched through aliases.
 * An id matches a finding when it is the rule id or one of its aliases.
 */
interface Suppression {
  readonly ids: ReadonlySet<string>;
  /** 1-based inclusive line range; undefined for file-wide. */
  readonly lines?: { readonly from: number; readonly to: number };
}

const PRAGMA =
  /^\s*(drydock-ignore-file|drydock-ignore-stage|drydock-ignore|hadolint\s+global\s+ignore|hadolint\s+stage\s+ignore|hadolint\s+ignore)\s*=\s*([A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)/i;

export function collectSuppressions(file: Dockerfile): Suppression[] {
  const out: Suppression[] = [];
  const instructions = [...file.instructions].sort((a, b) => a.span.start - b.span.start);
  for (const comment of file.comments) {
    const m = PRAGMA.exec(comment.text);
    if (!m) continue;
    const ids = new Set(
      (m[2] ?? '')
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    );
    const kind = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const fileWide = kind === 'drydock-ignore-file' || kind === 'hadolint global ignore';
    if (fileWide) {
      out.push({ ids });
      continue;
    }
    const next = instructions.find((i) => i.span.start > comment.span.end);
    if (!next) continue;
    const from = file.source.positionAt(next.span.start).line;
    let to = file.source.positionAt(next.span.end).line;
    // Above a FROM, the stage forms cover the whole stage: up to the line before the next FROM.
    if (kind === 'drydock-ignore-stage' || kind === 'hadolint stage ignore') {
      if (next.keyword !== 'FROM') continue;
      const nextFrom = instructions.find((i) => i.keyword === 'FROM' && i.span.start > next.span.start);
      to = nextFrom ? file.source.positionAt(nextFrom.span.start).line - 1 : file.source.lineCount;
    }
    out.push({ ids, lines: { from, to } });
  }
  return out;
}

export function isSuppressed(finding: Finding, suppressions: readonly Suppression[]): boolean {
  return suppressions.some((s) => {
    if (s.lines && (finding.location.line < s.lines.from || finding.location.line > s.lines.to)) return false;
    return s.ids.has(finding.ruleId) || finding.aliases.some((a) => s.ids.has(a.toUpperCase()));
  });
}
