import type { VerifyCheck } from '../check.js';
import { leftoverGroups, leftoverOutcome } from '../leftovers.js';

/** Language package caches under a home (root's, a user's, or a relocated one under usr/local/share). */
const CACHE =
  /^((root|home\/[^/]+|usr\/local\/share)\/(\.cache\/(pip|pypoetry|uv|yarn|go-build|node-gyp|composer)|\.npm\/_cacache|\.yarn\/cache|\.cargo\/registry|\.m2\/repository|\.gradle\/caches))\//;

export const DV4003: VerifyCheck = {
  meta: {
    id: 'DV4003',
    title: 'No pip, npm or other language caches',
    severity: 'low',
    section: 'leftovers',
    why: 'pip, npm, yarn, poetry and build-tool caches keep a second copy of every downloaded package in the image.',
    fix: 'Install with `pip install --no-cache-dir`, `npm ci && npm cache clean --force`, or a `RUN --mount=type=cache` for the cache directory.',
    aliases: ['DKL-LI-0003', 'DL3042'],
  },
  check(context) {
    const groups = leftoverGroups(
      context.entries.values(),
      (e) => CACHE.test(e.path),
      (e) => CACHE.exec(e.path)?.[1] ?? e.path,
    );
    return leftoverOutcome(
      context,
      groups,
      'no pip/npm/yarn/poetry/uv/go/cargo/maven/gradle caches under /root, /home',
    );
  },
};
