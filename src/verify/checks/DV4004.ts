import type { VerifyCheck } from '../check.js';
import { leftoverGroups, leftoverOutcome, prefixDir } from '../leftovers.js';

export const DV4004: VerifyCheck = {
  meta: {
    id: 'DV4004',
    title: '/tmp and /var/tmp are empty',
    severity: 'low',
    section: 'leftovers',
    why: 'Files left in /tmp by the build (downloaded installers, unpacked sources, build logs) ship in every layer above and can hold secrets or tools.',
    fix: 'Delete temporary files in the RUN that made them (`rm -rf /tmp/*`), or use `RUN --mount=type=tmpfs,target=/tmp`.',
    aliases: ['DKL-LI-0003'],
  },
  check(context) {
    const groups = leftoverGroups(
      context.entries.values(),
      (e) => /^(var\/)?tmp\/./.test(e.path),
      (e) => prefixDir(e.path, e.path.startsWith('var/') ? 3 : 2),
    );
    return leftoverOutcome(context, groups, '/tmp and /var/tmp hold nothing');
  },
};
