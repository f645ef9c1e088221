import type { VerifyCheck } from '../check.js';
import { leftoverGroups, leftoverOutcome } from '../leftovers.js';

/** apt's package lists: megabytes of index that only `apt-get install` reads. */
export const DV4001: VerifyCheck = {
  meta: {
    id: 'DV4001',
    title: 'apt lists removed',
    severity: 'low',
    section: 'leftovers',
    why: '/var/lib/apt/lists holds the package indexes of the last `apt-get update`: tens of megabytes the application never reads, and a stale view of the archive for anyone who installs from it later.',
    fix: 'End every `apt-get update && apt-get install` RUN with `&& rm -rf /var/lib/apt/lists/*`.',
    aliases: ['DKL-DI-0005', 'DL3009'],
  },
  check(context) {
    const groups = leftoverGroups(
      context.entries.values(),
      (e) => /^var\/lib\/apt\/lists\/(?!lock$|partial$|auxfiles$)/.test(e.path),
      () => 'var/lib/apt/lists',
    );
    const hasApt = context.entries.has('var/lib/apt/lists');
    return leftoverOutcome(context, groups, hasApt ? '/var/lib/apt/lists is empty' : 'no apt lists directory');
  },
};
