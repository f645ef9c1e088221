import type { DepsRule } from '../rule.js';

/** pip merges every index and takes the highest version it finds anywhere. */
export const DP1006: DepsRule = {
  meta: {
    id: 'DP1006',
    title: 'Extra package index (dependency confusion)',
    severity: 'low',
    why: 'With --extra-index-url pip picks the highest version from any index, so a public package with an internal package’s name and a higher version wins (dependency confusion).',
    fix: 'Serve everything from one index that proxies PyPI (--index-url), or pin every internal package with hashes.',
    aliases: [],
    example: {
      bad: '--extra-index-url https://pypi.internal/simple',
      good: '--index-url https://pypi.internal/simple',
    },
  },
  check(ctx) {
    for (const setting of ctx.manifest.indexes) {
      if (setting.option !== '--extra-index-url') continue;
      ctx.report({
        message: `--extra-index-url ${setting.value}: pip takes the highest version from any index, so a public package can shadow an internal one`,
        span: setting.span,
      });
    }
  },
};
