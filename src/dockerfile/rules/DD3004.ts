import { insertAfterCommand } from '../fix/append-command.js';
import type { Rule } from '../rule.js';
import { isAptLike, privilegePrefix } from '../shell-commands.js';

const UPGRADES = ['upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade'];

/** The team guide (section 2): every apt-get update is followed by apt-get upgrade -y. */
export const DD3004: Rule = {
  meta: {
    id: 'DD3004',
    title: 'apt-get update without apt-get upgrade -y in the same RUN',
    severity: 'medium',
    category: 'packages',
    why: 'Base images lag behind Debian security updates; without an upgrade the image ships the CVEs already fixed upstream.',
    fix: 'Follow apt-get update with apt-get upgrade -y in the same RUN (turn off with requireAptUpgrade: false).',
    aliases: [],
    fixable: true,
    example: {
      bad: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
      good: 'RUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends curl',
    },
  },
  check({ file, config, report }) {
    if (!config.requireAptUpgrade) return;
    for (const run of file.runs) {
      const commands = file.shell(run).commands;
      const update = commands.find((c) => isAptLike(c, 'update'));
      if (!update) continue;
      // An upgrade before the update would work from the old lists: it must come after.
      if (commands.some((c) => c.index > update.index && isAptLike(c, UPGRADES))) continue;
      // Not in a pipeline (`apt-get update | tee log`): inserting `&& …` would change what is piped.
      const fix = insertAfterCommand(
        file,
        run,
        update,
        `${privilegePrefix(update)}apt-get upgrade -y`,
        'add apt-get upgrade -y after the update',
      );
      report({
        message: `${update.name} update without apt-get upgrade -y in the same RUN`,
        span: update.span,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
