import { parseOptions } from '../parse/command-options.js';
import type { Rule } from '../rule.js';

/** wget's default progress output, written to a non-terminal, is one line per few kilobytes. */
export const DD4014: Rule = {
  meta: {
    id: 'DD4014',
    title: 'wget without --progress',
    severity: 'info',
    category: 'shell',
    why: 'Without a terminal, wget prints its progress as thousands of dot lines, which bloats build logs and buries real errors.',
    fix: 'Pass --progress=dot:giga, or -nv/-q when the download size does not matter.',
    aliases: ['DL3047'],
    example: {
      bad: 'RUN wget https://example.org/tool.tar.gz',
      good: 'RUN wget --progress=dot:giga https://example.org/tool.tar.gz',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        if (cmd.name !== 'wget') continue;
        // -nv is a two-letter short option that getopt-style parsing would split.
        if (cmd.args.some((a) => a.value === '-nv')) continue;
        const flags = parseOptions(cmd, WGET).flags;
        if (QUIET.some((f) => flags.has(f))) continue;
        report({ message: 'wget without --progress (or -nv/-q) floods the build log', span: cmd.span });
      }
    }
  },
};

/** wget's options that take a value, so `-O -q.html` is not read as -q. */
const WGET = {
  valuedShort: 'oaeiBtOTwQPlARDIXUY',
  valuedLong: ['output-file', 'append-output', 'execute', 'input-file', 'output-document', 'user-agent', 'tries'],
};

/** Options that make wget quiet or move its output to a file (hadolint's list). */
const QUIET = ['progress', 'q', 'quiet', 'no-verbose', 'o', 'output-file', 'a', 'append-output'];
