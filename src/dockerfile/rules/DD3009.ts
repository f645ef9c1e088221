import { insertArgAfter } from '../fixes.js';
import type { Rule } from '../rule.js';
import { APK, isApk, mountsOver, options, removesUnder, subcommand } from '../shell-commands.js';

const CACHE = '/var/cache/apk';

/** `apk add` without --no-cache leaves the package index in /var/cache/apk inside the layer. */
export const DD3009: Rule = {
  meta: {
    id: 'DD3009',
    title: 'apk add without --no-cache',
    severity: 'medium',
    category: 'packages',
    why: 'apk keeps the downloaded index (and with a cache, the packages) in /var/cache/apk, adding stale data to the layer.',
    fix: 'Use apk add --no-cache, which fetches a fresh index and stores nothing.',
    aliases: ['DL3019', 'DS025', 'AVD-DS-0025', 'DKL-DI-0004'],
    fixable: true,
    peerNotes:
      'drydock also passes an apk add followed by rm -rf /var/cache/apk/* in the same RUN (the layer ends up the ' +
      'same); Trivy only looks for the flag.',
    example: {
      bad: 'RUN apk add curl',
      good: 'RUN apk add --no-cache curl',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      if (mountsOver(run, CACHE)) continue;
      const commands = file.shell(run).commands;
      for (const cmd of commands) {
        if (!isApk(cmd, 'add') || options(cmd, APK).flags.has('no-cache')) continue;
        if (commands.some((c) => c.index > cmd.index && removesUnder(c, [CACHE]))) continue;
        const add = subcommand(cmd, APK);
        report({
          message: 'apk add without --no-cache',
          span: cmd.span,
          ...(add ? { fix: insertArgAfter(run, add, '--no-cache', 'add --no-cache') } : {}),
        });
      }
    }
  },
};
