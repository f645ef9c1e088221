import type { VerifyCheck } from '../check.js';
import { leftoverGroups, leftoverOutcome, prefixDir } from '../leftovers.js';

/** Downloaded packages and package-manager caches (apt, apk, yum/dnf, zypper). */
const CACHE = /^var\/cache\/(apt\/(archives\/[^/]+\.deb$|[^/]+\.bin$)|apk\/|yum\/|dnf\/|zypp\/(packages|raw)\/)/;

export const DV4002: VerifyCheck = {
  meta: {
    id: 'DV4002',
    title: 'No package manager caches',
    severity: 'low',
    section: 'leftovers',
    why: 'Downloaded .deb/.apk/.rpm files and the package managers’ binary caches are build by-products that only add size (and old package versions) to every pull.',
    fix: 'Run `apt-get clean` (or `apk add --no-cache`, `dnf clean all`) in the same RUN that installs.',
    aliases: ['DKL-DI-0005', 'DKL-DI-0004'],
  },
  check(context) {
    const groups = leftoverGroups(
      context.entries.values(),
      (e) => CACHE.test(e.path) && !/\/lock$/.test(e.path),
      (e) => (e.path.startsWith('var/cache/apt/archives/') ? 'var/cache/apt/archives' : prefixDir(e.path, 3)),
    );
    return leftoverOutcome(context, groups, 'none in /var/cache/{apt,apk,yum,dnf,zypp}');
  },
};
