import { insertArgAfter } from '../fixes.js';
import type { Rule } from '../rule.js';
import {
  grammarOf,
  isDnf,
  isMicrodnf,
  isYum,
  isZypper,
  options,
  optionValues,
  subcommand,
  ZYPPER_PACKAGE_SUBCOMMANDS,
} from '../shell-commands.js';

/** Subcommands that ask "Is this ok [y/N]" before changing packages. */
const RPM_PROMPTING = [
  'install',
  'in',
  'reinstall',
  'rei',
  'localinstall',
  'groupinstall',
  'group',
  'update',
  'up',
  'upgrade',
  'update-minimal',
  'upgrade-minimal',
  'up-min',
  'downgrade',
  'dg',
  'distro-sync',
  'dsync',
  'remove',
  'rm',
  'erase',
  'autoremove',
  'module',
  'builddep',
];
/** Without an assume-yes flag these tools wait for an answer that never comes in a build. */
export const DD3016: Rule = {
  meta: {
    id: 'DD3016',
    title: 'yum/dnf/zypper/microdnf install without non-interactive flag',
    severity: 'medium',
    category: 'packages',
    why: 'yum, dnf, microdnf and zypper ask for confirmation before changing packages; with no terminal the build aborts.',
    fix: 'Add -y to yum/dnf/microdnf and --non-interactive (-n) to zypper.',
    aliases: ['DL3030', 'DL3038', 'DL3034'],
    fixable: true,
    example: {
      bad: 'RUN dnf install httpd && dnf clean all',
      good: 'RUN dnf install -y httpd && dnf clean all',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        const rpm = isYum(cmd, RPM_PROMPTING) || isDnf(cmd, RPM_PROMPTING) || isMicrodnf(cmd, RPM_PROMPTING);
        const zypper = isZypper(cmd, ZYPPER_PACKAGE_SUBCOMMANDS);
        if (!rpm && !zypper) continue;
        const grammar = grammarOf(cmd);
        const flags = options(cmd, grammar).flags;
        const sub = subcommand(cmd, grammar);
        if (!sub) continue;
        if (rpm) {
          if (flags.has('y') || flags.has('assumeyes')) continue;
          const setopts = optionValues(cmd, grammar, ['setopt']);
          if (setopts.some((v) => /^assumeyes=(1|true|yes)$/i.test(v))) continue;
          report({
            message: `${cmd.name} ${sub.value} without -y`,
            span: cmd.span,
            fix: insertArgAfter(run, sub, '-y', 'add -y'),
          });
        } else {
          if (['n', 'non-interactive', 'y', 'no-confirm'].some((f) => flags.has(f))) continue;
          report({
            message: `zypper ${sub.value} without --non-interactive`,
            span: cmd.span,
            // A global option, valid before every subcommand (unlike -y, which only some accept).
            fix: insertArgAfter(run, cmd.nameWord, '--non-interactive', 'add --non-interactive'),
          });
        }
      }
    }
  },
};
