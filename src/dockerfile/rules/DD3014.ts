import { insertArgAfter } from '../fixes.js';
import type { Rule } from '../rule.js';
import {
  envBefore,
  exportedVariables,
  pipInvocation,
  pipLabel,
  pipOptions,
  pipSubcommandWord,
  prefixAssignments,
  runMounts,
} from '../shell-commands.js';

/** pip's own parsing of PIP_NO_CACHE_DIR (strtobool): these values leave the cache on. */
const FALSY = /^(0|false|no|off|n|f)$/i;

/** pip caches every downloaded wheel under ~/.cache/pip; in an image that is dead weight. */
export const DD3014: Rule = {
  meta: {
    id: 'DD3014',
    title: 'pip install without --no-cache-dir',
    severity: 'low',
    category: 'packages',
    why: 'pip keeps a copy of every downloaded wheel in ~/.cache/pip, which the image never reuses but carries in its layer.',
    fix: 'Add --no-cache-dir to pip install (or set ENV PIP_NO_CACHE_DIR=1 in the stage).',
    aliases: ['DL3042'],
    fixable: true,
    example: {
      bad: 'RUN pip install -r requirements.txt',
      good: 'RUN pip install --no-cache-dir -r requirements.txt',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      // A cache or tmpfs mount on ~/.cache/pip (any user's home) keeps the cache out of the layer.
      if (
        runMounts(run).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && /\/\.cache(\/pip)?$/.test(m.target))
      ) {
        continue;
      }
      const script = file.shell(run);
      const env = new Map([...envBefore(file, run), ...exportedVariables(script)]);
      for (const cmd of script.commands) {
        if (pipInvocation(cmd)?.sub !== 'install') continue;
        if (pipOptions(cmd)?.flags.has('no-cache-dir')) continue;
        const setting = prefixAssignments(file, cmd).get('PIP_NO_CACHE_DIR') ?? env.get('PIP_NO_CACHE_DIR');
        if (setting !== undefined && !FALSY.test(setting)) continue;
        const install = pipSubcommandWord(cmd);
        report({
          message: `${pipLabel(cmd)} install without --no-cache-dir`,
          span: cmd.span,
          ...(install ? { fix: insertArgAfter(run, install, '--no-cache-dir', 'add --no-cache-dir') } : {}),
        });
      }
    }
  },
};
