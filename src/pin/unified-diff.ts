import { unifiedDiff as fileDiff } from '../core/unified-diff.js';
import type { FileChange } from './plan.js';

/** `--dry-run`: a unified diff of every file that would change. */
export function unifiedDiff(changes: readonly FileChange[]): string {
  return changes.map((c) => fileDiff(c.path, c.before, c.after)).join('');
}
