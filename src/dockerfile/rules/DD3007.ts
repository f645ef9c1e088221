import type { Rule } from '../rule.js';
import { APT, subcommand } from '../shell-commands.js';

/** Subcommands apt-get understands the same way, so renaming the command keeps the meaning. */
const SAME_IN_APT_GET = new Set([
  'update',
  'upgrade',
  'install',
  'reinstall',
  'remove',
  'purge',
  'autoremove',
  'autopurge',
  'dist-upgrade',
  'full-upgrade',
  'source',
  'build-dep',
  'download',
  'changelog',
  'clean',
  'autoclean',
  'satisfy',
  'distclean',
]);

/** apt is for people at a terminal; its output and behaviour change between releases. */
export const DD3007: Rule = {
  meta: {
    id: 'DD3007',
    title: 'apt used instead of apt-get',
    severity: 'low',
    category: 'packages',
    why: 'apt has no stable command-line interface for scripts ("WARNING: apt does not have a stable CLI interface") and can change behaviour between releases.',
    fix: 'Use apt-get (or apt-cache for search, show and list).',
    aliases: ['DL3027'],
    fixable: true,
    example: {
      bad: 'RUN apt update && apt install -y curl',
      good: 'RUN apt-get update && apt-get install -y curl',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        if (cmd.name !== 'apt') continue;
        const sub = subcommand(cmd, APT)?.value;
        const word = cmd.nameWord;
        const fixable = sub !== undefined && SAME_IN_APT_GET.has(sub);
        report({
          message: sub && !fixable ? `apt ${sub}: use apt-cache or apt-get in scripts` : 'apt used instead of apt-get',
          span: word.span,
          ...(fixable
            ? {
                fix: run.json
                  ? {
                      description: 'use apt-get',
                      edits: [{ span: word.span, text: JSON.stringify(`${word.value}-get`) }],
                    }
                  : {
                      description: 'use apt-get',
                      edits: [{ span: { start: word.span.end, end: word.span.end }, text: '-get' }],
                    },
              }
            : {}),
        });
      }
    }
  },
};
