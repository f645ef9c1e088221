import { appendCommand } from '../fix/append-command.js';
import type { Rule } from '../rule.js';
import {
  DNF,
  isCleanAll,
  isDnf,
  lastUncleaned,
  mountsOver,
  privilegePrefix,
  removesUnder,
  subcommand,
} from '../shell-commands.js';

/** Subcommands (and dnf's short aliases) that download metadata and packages into the cache. */
const INSTALLS = [
  'install',
  'in',
  'reinstall',
  'rei',
  'upgrade',
  'up',
  'update',
  'upgrade-minimal',
  'up-min',
  'update-minimal',
  'downgrade',
  'dg',
  'distro-sync',
  'dsync',
  'groupinstall',
  'groupupdate',
  'group',
  'module',
  'builddep',
];
/** dnf 4 caches in /var/cache/dnf, dnf 5 in /var/cache/libdnf5; some images point it at /var/cache/yum. */
const CACHES = ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/yum'];

/** dnf keeps repository metadata and downloaded RPMs in its cache until told to clean. */
export const DD3011: Rule = {
  meta: {
    id: 'DD3011',
    title: 'dnf install without dnf clean all',
    severity: 'medium',
    category: 'packages',
    why: 'dnf leaves repository metadata and downloaded packages in /var/cache/dnf, often hundreds of MB in the layer.',
    fix: 'End the RUN that installs with && dnf clean all (or mount a cache on /var/cache/dnf).',
    aliases: ['DL3040', 'DS019', 'AVD-DS-0019'],
    fixable: true,
    example: {
      bad: 'RUN dnf install -y httpd',
      good: 'RUN dnf install -y httpd && dnf clean all',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      if (CACHES.some((dir) => mountsOver(run, dir))) continue;
      const install = lastUncleaned(
        file.shell(run),
        (c) => isDnf(c, INSTALLS),
        (c) => isCleanAll(c, ['dnf', 'yum']) || removesUnder(c, CACHES),
      );
      if (!install) continue;
      const fix = appendCommand(file, run, `${privilegePrefix(install)}${install.name} clean all`, 'add dnf clean all');
      report({
        message: `${install.name} ${subcommand(install, DNF)?.value ?? 'install'} without ${install.name} clean all after it in the same RUN`,
        span: install.span,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
