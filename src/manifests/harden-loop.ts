import type { FileError, Finding } from '../core/finding.js';
import { applyEdits, MAX_FIX_PASSES, type TextEdit } from '../core/text-edit.js';
import type { ManifestCheckResult } from './rule-tester.js';
import { combineInsertions } from './yaml-edits.js';

/** One fix harden made: the finding it answered and what it wrote. */
export interface HardenChange {
  readonly ruleId: string;
  readonly message: string;
  readonly description: string;
  /** Line of the finding in the text it was found in. */
  readonly line: number;
}

export interface HardenResult {
  readonly path: string;
  readonly original: string;
  /** The hardened text (the original when the file does not parse). */
  readonly text: string;
  readonly changes: readonly HardenChange[];
  /** What harden cannot fix (privileged host access, secrets to move, digests to pin…). */
  readonly remaining: readonly Finding[];
  readonly errors: readonly FileError[];
}

/**
 * Applies every fix until nothing is left to fix, like `fixUntilStable`, with one difference: fixes
 * that only insert text at the same point (several keys added to one service or container) are joined
 * into one edit by `combineInsertions` instead of waiting a pass each, so a service that lacks six
 * settings gets them in one pass. A file that does not parse is never rewritten.
 */
export function hardenWith(path: string, text: string, check: (text: string) => ManifestCheckResult): HardenResult {
  const first = check(text);
  if (first.errors.length > 0) return { path, original: text, text, changes: [], remaining: [], errors: first.errors };
  const seen = new Map<string, HardenChange>();
  let current = text;
  let result = first;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixable = result.findings.filter((f) => f.fix);
    if (fixable.length === 0) break;
    for (const f of fixable) {
      const key = `${f.ruleId}\0${f.message}`;
      if (!seen.has(key)) {
        seen.set(key, {
          ruleId: f.ruleId,
          message: f.message,
          description: f.fix?.description ?? '',
          line: f.location.line,
        });
      }
    }
    const next = applyEdits(current, mergeInsertions(fixable.flatMap((f) => (f.fix ? [f.fix.edits] : [])))).text;
    if (next === current) break;
    const rechecked = check(next);
    if (rechecked.errors.length > 0) {
      // A fix that breaks the file is a drydock bug: keep the last good text and say where.
      const why = rechecked.errors.map((e) => `${e.line ?? '?'}:${e.column ?? '?'} ${e.message}`).join('; ');
      throw new Error(`harden produced unparsable output for ${path}: ${why}`);
    }
    current = next;
    result = rechecked;
  }
  const left = new Set(result.findings.map((f) => `${f.ruleId}\0${f.message}`));
  const changes = [...seen.entries()].filter(([key]) => !left.has(key)).map(([, change]) => change);
  return { path, original: text, text: current, changes, remaining: result.findings, errors: [] };
}

/** True when an insertion's text climbs back out to a shallower level than its first line. */
function climbsOut(edit: TextEdit): boolean {
  const depths = [...edit.text.matchAll(/\r?\n([ \t]*)\S/g)].map((m) => (m[1] ?? '').length);
  const first = depths[0];
  return first !== undefined && depths.some((d) => d < first);
}

/**
 * `combineInsertions`, except for insertions that climb back out (a mount point, then the task's
 * volumes at the same offset): joined with a sibling key they would put that key inside the volume
 * list, so they keep their own group and take the next pass.
 */
export function mergeInsertions(groups: readonly (readonly TextEdit[])[]): TextEdit[][] {
  const alone = groups.filter((g) => g.length === 1 && g[0] !== undefined && climbsOut(g[0]));
  const rest = groups.filter((g) => !alone.includes(g));
  return [...combineInsertions(rest), ...alone.map((g) => [...g])];
}

/** What one kind's harden did to one file, in the shape the command prints. */
export interface HardenOutcome {
  readonly original: string;
  /** The hardened text (the original when the file does not parse). */
  readonly text: string;
  /** One line per change or addition harden made (shown on stderr unless --quiet). */
  readonly messages: readonly string[];
  /** Findings harden cannot fix: printed as "needs a human". */
  readonly remaining: readonly Finding[];
  /** Syntax errors: a file that does not parse is never rewritten. */
  readonly errors: readonly FileError[];
  /** False when fixes still changed the text after the last pass (a bug: reported, not hidden). */
  readonly stable?: boolean;
}

/** The command's view of a result: one line per change (what, which rule, why). */
export function hardenOutcome(result: HardenResult): HardenOutcome {
  return {
    original: result.original,
    text: result.text,
    messages: result.changes.map((c) => `${c.description} (${c.ruleId}: ${c.message})`),
    remaining: result.remaining,
    errors: result.errors,
  };
}
