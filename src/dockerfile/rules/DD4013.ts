import { replaceSpan } from '../fixes.js';
import { dequoteWord, splitWords, stageInstructions, stageLineage } from '../instruction-helpers.js';
import type { Dockerfile, Instruction } from '../parse/dockerfile.js';
import type { Rule } from '../rule.js';

/** Shell-form CMD/ENTRYPOINT make /bin/sh PID 1, and sh does not pass SIGTERM on to the app. */
export const DD4013: Rule = {
  meta: {
    id: 'DD4013',
    title: 'CMD/ENTRYPOINT in shell form',
    severity: 'low',
    category: 'instructions',
    why: 'In shell form the container runs /bin/sh -c as PID 1, which does not forward SIGTERM, so the app is killed after the stop timeout instead of shutting down cleanly.',
    fix: 'Use exec form, such as CMD ["node", "server.js"], or start the shell command with exec.',
    aliases: ['DL3025'],
    fixable: true,
    peerNotes:
      "A shell form whose only command starts with `exec` (`CMD exec node server.js`) is not reported: the shell replaces itself, so signals reach the app. HEALTHCHECK CMD in shell form is not reported (hadolint's newest spec reports it): the probe is not PID 1 and usually needs shell syntax.",
    example: {
      bad: 'CMD node server.js',
      good: 'CMD ["node", "server.js"]',
    },
  },
  check({ file, report }) {
    const targets = [...file.instructions, ...file.onbuildTriggers].filter(
      (i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.json && i.args.length > 0,
    );
    for (const instr of targets) {
      const commands = file.shell(instr).commands;
      if (commands.length === 1 && commands[0]?.wrappers[0] === 'exec') continue;
      const exec = execForm(file, instr);
      report({
        message: `${instr.keyword} in shell form runs under /bin/sh, which does not forward signals: use exec form`,
        span: instr.argsSpan,
        ...(exec ? { fix: replaceSpan(instr.argsSpan, exec, `rewrite ${instr.keyword} in exec form`) } : {}),
      });
    }
  },
};

/** The exec-form text, when every word is a plain literal and the change keeps the meaning. */
function execForm(file: Dockerfile, instr: Instruction): string | undefined {
  const stage = instr.stage;
  if (!stage || instr.onbuild) return undefined;
  // Exec-form ENTRYPOINT appends CMD, and a CMD under an ENTRYPOINT becomes its arguments.
  if (instr.keyword === 'ENTRYPOINT' && stageInstructions(stage, 'CMD').length > 0) return undefined;
  if (instr.keyword === 'CMD' && stageLineage(stage).some((s) => stageInstructions(s, 'ENTRYPOINT').length > 0)) {
    return undefined;
  }
  const words = splitWords(file.logicalArgs(instr).text, file.escape);
  const first = words[0];
  if (!first || !words.every(isPlainWord) || SHELL_ONLY.has(first) || /^[A-Za-z_]\w*=/.test(first)) return undefined;
  return `[${words.map((w) => JSON.stringify(dequoteWord(w, file.escape))).join(', ')}]`;
}

/** Unquoted safe characters, or a whole quoted string without expansions or escapes. */
function isPlainWord(word: string): boolean {
  return /^[\w.,:/@%+=-]+$/.test(word) || /^'[^']*'$/.test(word) || (/^"[^"]*"$/.test(word) && !/[$`\\]/.test(word));
}

/** Shell keywords and builtins with no program of the same name to exec. */
const SHELL_ONLY = new Set([
  '.',
  ':',
  'source',
  'cd',
  'export',
  'set',
  'unset',
  'eval',
  'exec',
  'alias',
  'ulimit',
  'umask',
  'trap',
  'shift',
  'readonly',
  'local',
  'return',
  'exit',
  'wait',
  'read',
  'if',
  'for',
  'while',
  'until',
  'case',
  'function',
]);
