import { effectiveShell, isPosixShell } from '../image-helpers.js';
import type { Rule } from '../rule.js';

/** A heredoc body that starts with `#!` runs under that interpreter, not under the shell. */
function shebang(script: string): string[] | undefined {
  const first = script.split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return undefined;
  return first.slice(2).trim().split(/\s+/);
}

/** A shell syntax error fails the build at that RUN, usually after a long wait for the layers before it. */
export const DD0002: Rule = {
  meta: {
    id: 'DD0002',
    title: 'RUN has a shell syntax error',
    severity: 'medium',
    category: 'syntax',
    why: 'The shell rejects the whole RUN script (an unterminated quote, a stray `fi`), so the build fails at this step.',
    fix: 'Close the quote or bracket, or escape the character the shell trips on.',
    aliases: [],
    example: {
      bad: 'FROM debian:12-slim\nRUN echo "building && make',
      good: 'FROM debian:12-slim\nRUN echo "building" && make',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      if (run.json) continue;
      // tree-sitter-bash knows POSIX/bash syntax only: PowerShell or cmd scripts are not ours to judge.
      if (!isPosixShell(effectiveShell(run))) continue;
      const script = file.shell(run);
      const interpreter = run.heredocs.length > 0 ? shebang(script.text) : undefined;
      if (interpreter && !isPosixShell(interpreter)) continue;
      if (!script.hasError) continue;
      report({
        message: 'the RUN script does not parse as shell (unterminated quote or bracket?)',
        span: run.keywordSpan,
      });
    }
  },
};
