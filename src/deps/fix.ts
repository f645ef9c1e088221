import { readFileSync } from 'node:fs';
import type { Finding } from '../core/finding.js';
import { applyEdits, type TextEdit } from '../core/text-edit.js';
import { unifiedDiff } from '../core/unified-diff.js';
import type { DepsReport } from './audit.js';

/** One file `drydock deps fix` would rewrite. */
export interface DepsFileFix {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** The findings whose fixes were applied. */
  readonly fixed: readonly Finding[];
}

export interface DepsFixPlan {
  readonly files: readonly DepsFileFix[];
  /** Files with fixes that are left alone because they did not parse completely. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** Vulnerable pins with no edit (locks, hashes, no fix known, constraints in the way). */
  readonly unfixed: readonly Finding[];
}

/**
 * The edits of every fixable finding, per file. A file with any parse error is never changed: its other
 * lines might not be what they seem (a lost continuation, an unreadable option), and an edit made on a
 * half-understood file is a guess.
 */
export function planDependencyFixes(report: DepsReport): DepsFixPlan {
  const broken = new Map<string, number>();
  for (const e of report.errors) broken.set(e.path, (broken.get(e.path) ?? 0) + 1);
  const byFile = new Map<string, Finding[]>();
  const unfixed: Finding[] = [];
  for (const f of report.findings) {
    if (f.ruleId !== 'DP1004') continue;
    if (!f.fix) {
      unfixed.push(f);
      continue;
    }
    const list = byFile.get(f.location.path) ?? [];
    list.push(f);
    byFile.set(f.location.path, list);
  }
  const files: DepsFileFix[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const [path, findings] of byFile) {
    const errors = broken.get(path);
    if (errors !== undefined) {
      skipped.push({
        path,
        reason: `not changed: it does not parse completely (${errors} error${errors === 1 ? '' : 's'})`,
      });
      unfixed.push(...findings);
      continue;
    }
    const before = report.sources.get(path);
    if (before === undefined) continue;
    // The same pin reached through two include trees carries the same edit twice.
    const seen = new Set<string>();
    const groups: TextEdit[][] = [];
    for (const f of findings) {
      const edits = (f.fix?.edits ?? []).filter((e) => {
        const key = `${e.span.start}:${e.span.end}:${e.text}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (edits.length > 0) groups.push(edits);
    }
    const { text: after } = applyEdits(before, groups);
    if (after !== before) files.push({ path, before, after, fixed: findings });
  }
  return { files, skipped, unfixed };
}

/** A unified diff of the planned changes (`a/` and `b/` prefixes, as git shows them). */
export function renderFixDiff(plan: DepsFixPlan): string {
  return plan.files.map((f) => unifiedDiff(f.path, f.before, f.after)).join('');
}

/** The file's bytes to write: the new text, with the byte-order mark the file had, if any. */
export function fixedFileContent(fix: DepsFileFix): string {
  let bom = false;
  try {
    const head = readFileSync(fix.path).subarray(0, 3);
    bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    // the file is gone; write it as planned
  }
  return bom ? `\ufeff${fix.after}` : fix.after;
}
