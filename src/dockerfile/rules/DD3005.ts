import { planFoldUpdate } from '../fix/fold-update.js';
import { fixOf } from '../fix/plan.js';
import type { ShellCommand } from '../parse/shell.js';
import type { Rule } from '../rule.js';
import { APT_LIST_READERS, isApk, isAptLike, isDnf, isMicrodnf, isYum, isZypper } from '../shell-commands.js';

/** Index refreshes and the commands that use the index, per package database. */
const FAMILIES: readonly {
  readonly update: (cmd: ShellCommand) => boolean;
  readonly uses: (cmd: ShellCommand) => boolean;
}[] = [
  {
    update: (c) => isAptLike(c, 'update'),
    uses: (c) => isAptLike(c, APT_LIST_READERS),
  },
  { update: (c) => isApk(c, 'update'), uses: (c) => isApk(c, ['add', 'upgrade', 'fix']) },
  {
    update: (c) => isRpm(c, 'makecache'),
    // Anything but another metadata command: yum/dnf have many install-like subcommands and aliases.
    uses: (c) =>
      (c.name === 'yum' || c.name === 'dnf' || c.name === 'dnf5' || c.name === 'microdnf') &&
      !isRpm(c, ['makecache', 'clean', 'check-update', 'repolist', 'config-manager']),
  },
  {
    update: (c) => isZypper(c, ['refresh', 'ref']),
    uses: (c) =>
      isZypper(c, [
        'install',
        'in',
        'update',
        'up',
        'patch',
        'dist-upgrade',
        'dup',
        'source-install',
        'si',
        'download',
      ]),
  },
];

function isRpm(c: ShellCommand, sub: string | readonly string[]): boolean {
  return isYum(c, sub) || isDnf(c, sub) || isMicrodnf(c, sub);
}

/** A RUN that only refreshes the package index caches it; a later RUN's install then reads stale lists. */
export const DD3005: Rule = {
  meta: {
    id: 'DD3005',
    title: 'Package index update alone in a RUN',
    severity: 'medium',
    category: 'packages',
    why: 'Docker caches the update layer, so installs in later RUNs read an index that can be months old and miss security fixes.',
    fix: 'Update the index in the same RUN that installs or upgrades: apt-get update && apt-get install -y ….',
    aliases: ['DS017', 'AVD-DS-0017', 'CIS-DI-0007'],
    fixable: true,
    peerNotes:
      'Trivy also counts `yum update`, `dnf update` and `zypper up` as an index update; drydock does not, because ' +
      'those upgrade every installed package (what the guide asks for) and yum/dnf/zypper refresh expired metadata ' +
      'on their own. drydock flags the index-only commands instead: yum/dnf/microdnf makecache and zypper refresh.',
    example: {
      bad: 'RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl',
      good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      const commands = file.shell(run).commands;
      for (const family of FAMILIES) {
        const update = commands.find(family.update);
        if (!update || commands.some(family.uses)) continue;
        report({
          message: `${update.name} ${subcommandText(update)} alone: nothing installed from the fresh index in this RUN`,
          span: update.span,
          ...fixOf(planFoldUpdate(file, run, update)),
        });
      }
    }
  },
};

function subcommandText(cmd: ShellCommand): string {
  return cmd.args.find((a) => !a.value.startsWith('-'))?.value ?? 'update';
}
