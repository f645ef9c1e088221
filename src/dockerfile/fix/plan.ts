import type { Fix } from '../../core/finding.js';

/**
 * What a fixable rule can do about one finding: the edits, or why it cannot make them safely. The
 * rule attaches `fix`; `drydock fix` shows `reason` as "needs a human" when the finding remains.
 */
export type FixPlan =
  | { readonly fix: Fix; readonly reason?: undefined }
  | { readonly reason: string; readonly fix?: undefined };

export function manual(reason: string): FixPlan {
  return { reason };
}

/** `{ fix }` to spread into a rule report, or nothing. */
export function fixOf(plan: FixPlan): { fix?: Fix } {
  return plan.fix ? { fix: plan.fix } : {};
}
