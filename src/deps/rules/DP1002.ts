import { audited, type DepsRule } from '../rule.js';

/** A full commit id (SHA-1 or SHA-256) names one tree for ever; a branch or tag can be moved. */
const COMMIT = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;

/** A range instead of a version: the build is reproducible only until the next release in the range. */
export const DP1002: DepsRule = {
  meta: {
    id: 'DP1002',
    title: 'Dependency loosely pinned',
    severity: 'low',
    why: 'A range (`>=`, `~=`, `^`, `1.*`) lets a new release into the next build unreviewed; two builds of the same commit can differ.',
    fix: 'Pin the exact version the project was tested with, and let a bot (or `drydock deps fix`) raise it; or commit a lock file.',
    aliases: [],
    example: { bad: 'requests>=2.25', good: 'requests==2.32.3' },
  },
  check(ctx) {
    for (const d of ctx.manifest.dependencies) {
      if (!audited(d) || d.role === 'constraint' || d.role === 'locked') continue;
      if (d.source.type === 'registry' && d.specifier.trim() !== '' && d.pin === undefined) {
        const pinned = ctx.pinnedElsewhere(d);
        if (pinned) continue;
        ctx.report({
          message: `${d.name} is loosely pinned (${d.specifierText.trim() || d.specifier}): pin one version`,
          span: d.span,
        });
      } else if (d.source.type === 'vcs' && d.source.ref !== undefined && !COMMIT.test(d.source.ref)) {
        ctx.report({
          message: `${d.name} follows the ref '${d.source.ref}', a branch or tag that can move: pin a full commit id`,
          span: d.span,
        });
      }
    }
  },
};
