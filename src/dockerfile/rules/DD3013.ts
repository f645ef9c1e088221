import { appendCommand } from '../fix/append-command.js';
import type { Rule } from '../rule.js';
import {
  isCleanAll,
  isMicrodnf,
  lastUncleaned,
  MICRODNF,
  mountsOver,
  privilegePrefix,
  removesUnder,
  subcommand,
} from '../shell-commands.js';

const INSTALLS = ['install', 'reinstall', 'upgrade', 'update', 'downgrade', 'distro-sync', 'module'];
/** microdnf (libdnf) caches in /var/cache/yum; the dnf5-based microdnf in /var/cache/libdnf5. */
const CACHES = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'];

/** microdnf keeps repository metadata and downloaded RPMs in its cache until told to clean. */
export const DD3013: Rule = {
  meta: {
    id: 'DD3013',
    title: 'microdnf install without microdnf clean all',
    severity: 'medium',
    category: 'packages',
    why: 'microdnf leaves repository metadata and packages in /var/cache/yum, undoing much of what a minimal base image saves.',
    fix: 'End the RUN that installs with && microdnf clean all.',
    aliases: ['DS027', 'AVD-DS-0027', 'DL3040'],
    fixable: true,
    example: {
      bad: 'RUN microdnf install -y shadow-utils',
      good: 'RUN microdnf install -y shadow-utils && microdnf clean all',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      if (CACHES.some((dir) => mountsOver(run, dir))) continue;
      const install = lastUncleaned(
        file.shell(run),
        (c) => isMicrodnf(c, INSTALLS),
        (c) => isCleanAll(c, ['microdnf']) || removesUnder(c, CACHES),
      );
      if (!install) continue;
      const fix = appendCommand(file, run, `${privilegePrefix(install)}microdnf clean all`, 'add microdnf clean all');
      report({
        message: `microdnf ${subcommand(install, MICRODNF)?.value ?? 'install'} without microdnf clean all after it in the same RUN`,
        span: install.span,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
