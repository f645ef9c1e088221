import type { Span } from './location.js';

/** A fix is data: replace `span` of the original text with `text` (ESLint's `{range, text}`). */
export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}

export interface ApplyResult {
  readonly text: string;
  /** Edits applied, in text order. */
  readonly applied: number;
  /** Edits that overlapped an earlier one and were left for the next pass. */
  readonly skipped: number;
}

/**
 * Applies edit groups to a text. A group (the edits of one fix) is applied whole or not at all;
 * a group that overlaps an already accepted group is skipped, so a later pass can retry it against
 * the rewritten text.
 */
export function applyEdits(text: string, groups: readonly (readonly TextEdit[])[]): ApplyResult {
  const accepted: TextEdit[] = [];
  let skipped = 0;
  const ordered = groups
    .filter((g) => g.length > 0)
    .map((g) => [...g].sort((a, b) => a.span.start - b.span.start))
    .sort((a, b) => (a[0]?.span.start ?? 0) - (b[0]?.span.start ?? 0));
  for (const group of ordered) {
    const clash = group.some((e) => accepted.some((a) => overlaps(a.span, e.span)));
    const selfClash = group.some((e, i) => i > 0 && overlaps(group[i - 1]?.span ?? e.span, e.span));
    if (clash || selfClash) {
      skipped++;
      continue;
    }
    accepted.push(...group);
  }
  accepted.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let cursor = 0;
  for (const edit of accepted) {
    out += text.slice(cursor, edit.span.start) + edit.text;
    cursor = edit.span.end;
  }
  out += text.slice(cursor);
  return { text: out, applied: accepted.length, skipped };
}

function overlaps(a: Span, b: Span): boolean {
  // Two insertions at the same point also clash: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

export const MAX_FIX_PASSES = 10;

/**
 * Re-lints and re-applies until nothing changes or MAX_FIX_PASSES is reached, like ESLint's
 * verifyAndFix: fixes that overlapped in one pass get their turn in the next.
 */
export function fixUntilStable(
  text: string,
  fixesFor: (text: string) => readonly (readonly TextEdit[])[],
): { text: string; passes: number; stable: boolean } {
  let current = text;
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const groups = fixesFor(current);
    if (groups.length === 0) return { text: current, passes: pass - 1, stable: true };
    const result = applyEdits(current, groups);
    if (result.text === current) return { text: current, passes: pass, stable: true };
    current = result.text;
  }
  return { text: current, passes: MAX_FIX_PASSES, stable: fixesFor(current).length === 0 };
}
