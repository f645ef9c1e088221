import { insertArgAfter } from '../fixes.js';
import type { Rule } from '../rule.js';
import { APT_GET, aptAssumesYes, isAptFamily, subcommand } from '../shell-commands.js';

/** Subcommands that stop at a "Do you want to continue? [Y/n]" prompt. */
const PROMPTING = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'build-dep'];

/** Without -y, apt-get asks for confirmation; a build has no terminal, so the answer is "no". */
export const DD3001: Rule = {
  meta: {
    id: 'DD3001',
    title: 'apt-get install without -y',
    severity: 'medium',
    category: 'packages',
    why: 'apt-get prompts before installing extra packages and aborts the build when nobody answers.',
    fix: 'Add -y (or --yes) to every apt-get install, upgrade and remove.',
    aliases: ['DL3014', 'DS021', 'AVD-DS-0021'],
    fixable: true,
    peerNotes:
      'Like hadolint, -qq (quiet level 2) counts as -y because apt-get implies it. Unlike the peers, drydock also ' +
      'checks apt (not just apt-get) and the other prompting subcommands: upgrade, dist-upgrade, full-upgrade, ' +
      'remove, purge, autoremove, build-dep.',
    example: {
      bad: 'RUN apt-get update && apt-get install --no-install-recommends curl',
      good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      const script = file.shell(run);
      for (const cmd of script.commands) {
        if (!isAptFamily(cmd, PROMPTING) || aptAssumesYes(cmd, script)) continue;
        const sub = subcommand(cmd, APT_GET);
        if (!sub) continue;
        report({
          message: `${cmd.name} ${sub.value} without -y`,
          span: cmd.span,
          fix: insertArgAfter(run, sub, '-y', 'add -y'),
        });
      }
    }
  },
};
