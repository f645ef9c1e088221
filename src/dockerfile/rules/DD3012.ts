import { appendCommand } from '../fix/append-command.js';
import type { Rule } from '../rule.js';
import {
  isZypper,
  lastUncleaned,
  mountsOver,
  privilegePrefix,
  removesUnder,
  subcommand,
  ZYPPER,
  ZYPPER_PACKAGE_SUBCOMMANDS,
} from '../shell-commands.js';

const CACHE = '/var/cache/zypp';

/** zypper keeps repository metadata and downloaded RPMs in /var/cache/zypp. */
export const DD3012: Rule = {
  meta: {
    id: 'DD3012',
    title: 'zypper install without zypper clean',
    severity: 'medium',
    category: 'packages',
    why: 'zypper leaves repository metadata and downloaded packages in /var/cache/zypp, bloating the layer.',
    fix: 'End the RUN that installs with && zypper clean --all.',
    aliases: ['DL3036', 'DS020', 'AVD-DS-0020'],
    fixable: true,
    example: {
      bad: 'RUN zypper --non-interactive install curl',
      good: 'RUN zypper --non-interactive install curl && zypper clean --all',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      if (mountsOver(run, CACHE)) continue;
      const install = lastUncleaned(
        file.shell(run),
        (c) => isZypper(c, ZYPPER_PACKAGE_SUBCOMMANDS),
        (c) => isZypper(c, ['clean', 'cc']) || removesUnder(c, [CACHE]),
      );
      if (!install) continue;
      const fix = appendCommand(file, run, `${privilegePrefix(install)}zypper clean --all`, 'add zypper clean --all');
      report({
        message: `zypper ${subcommand(install, ZYPPER)?.value ?? 'install'} without zypper clean after it in the same RUN`,
        span: install.span,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
