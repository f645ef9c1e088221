import { appendCommand } from '../fix/append-command.js';
import type { Rule } from '../rule.js';
import {
  isCleanAll,
  isYum,
  lastUncleaned,
  mountsOver,
  privilegePrefix,
  removesUnder,
  subcommand,
  YUM,
} from '../shell-commands.js';

/** Subcommands that download metadata and packages into /var/cache/yum. */
const INSTALLS = [
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'update',
  'upgrade',
  'update-minimal',
  'upgrade-minimal',
  'downgrade',
  'distro-sync',
  'groupupdate',
  'group',
];
/** yum on EL8+ is dnf, which caches in /var/cache/dnf. */
const CACHES = ['/var/cache/yum', '/var/cache/dnf'];

/** yum keeps repository metadata and downloaded RPMs in /var/cache/yum until told to clean. */
export const DD3010: Rule = {
  meta: {
    id: 'DD3010',
    title: 'yum install without yum clean all',
    severity: 'medium',
    category: 'packages',
    why: 'yum leaves repository metadata and downloaded packages in /var/cache/yum, often hundreds of MB in the layer.',
    fix: 'End the RUN that installs with && yum clean all (or mount a cache on /var/cache/yum).',
    aliases: ['DL3032', 'DS015', 'AVD-DS-0015'],
    fixable: true,
    example: {
      bad: 'RUN yum install -y httpd',
      good: 'RUN yum install -y httpd && yum clean all',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      if (CACHES.some((dir) => mountsOver(run, dir))) continue;
      const install = lastUncleaned(
        file.shell(run),
        (c) => isYum(c, INSTALLS),
        (c) => isCleanAll(c, ['yum', 'dnf']) || removesUnder(c, CACHES),
      );
      if (!install) continue;
      const fix = appendCommand(file, run, `${privilegePrefix(install)}yum clean all`, 'add yum clean all');
      report({
        message: `yum ${subcommand(install, YUM)?.value ?? 'install'} without yum clean all after it in the same RUN`,
        span: install.span,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
