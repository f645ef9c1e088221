import { insertArgAfter } from '../fixes.js';
import type { Rule } from '../rule.js';
import { APT_GET, isAptGet, options, subcommand } from '../shell-commands.js';

/** apt-get install without --no-install-recommends pulls in packages nobody asked for. */
export const DD3002: Rule = {
  meta: {
    id: 'DD3002',
    title: 'apt-get install without --no-install-recommends',
    severity: 'medium',
    category: 'packages',
    why: 'Recommended packages are installed by default and can double an image, adding code (and CVEs) the app never uses.',
    fix: 'Add --no-install-recommends to every apt-get install.',
    aliases: ['DL3015', 'DS029', 'AVD-DS-0029'],
    fixable: true,
    example: {
      bad: 'RUN apt-get update && apt-get install -y curl',
      good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        if (!isAptGet(cmd, 'install')) continue;
        const opts = options(cmd, APT_GET);
        if (opts.flags.has('no-install-recommends')) continue;
        // `-o APT::Install-Recommends=false` says the same thing.
        const values = [...opts.values.entries()].filter(([k]) => k === 'o' || k === 'option').map(([, v]) => v);
        if (values.some((v) => /^APT::Install-Recommends=(false|0|no)$/i.test(v))) continue;
        const install = subcommand(cmd, APT_GET);
        report({
          message: 'apt-get install without --no-install-recommends',
          span: cmd.span,
          ...(install
            ? { fix: insertArgAfter(run, install, '--no-install-recommends', 'add --no-install-recommends') }
            : {}),
        });
      }
    }
  },
};
