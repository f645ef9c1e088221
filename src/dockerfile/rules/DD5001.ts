import type { Span } from '../../core/location.js';
import type { ShellCommand, ShellScript, ShellWord } from '../parse/shell.js';
import type { Rule } from '../rule.js';

const FETCHERS = new Set(['curl', 'wget', 'fetch']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'fish']);
const INTERPRETERS = /^(python[\d.]*|perl|ruby|node|php)$/;
/** Builtins that run text as commands: `eval "$(curl …)"`, `source <(curl …)`, `. <(curl …)`. */
const EVALUATORS = new Set(['eval', 'source', '.']);

/** Does this command, placed after `|`, execute what it reads from stdin? */
function runsStdin(cmd: ShellCommand): boolean {
  const args = cmd.args.map((a) => a.value);
  if (SHELLS.has(cmd.name)) return !args.includes('-c');
  // `python3 -` / bare `python3` read the program from stdin; `python3 -c '…'` is a JSON filter.
  if (INTERPRETERS.test(cmd.name)) return args.every((a) => a === '-' || (a.startsWith('-') && !/^-[cemEr]/.test(a)));
  return false;
}

/** A fetch command nested in a word (`<(curl …)`, `"$(wget -O- …)"`), found through the parsed commands. */
function fetchInside(word: ShellWord, script: ShellScript): ShellCommand | undefined {
  if (!/[<$]\(|`/.test(word.raw)) return undefined;
  return script.commands.find(
    (c) => FETCHERS.has(c.name) && c.span.start >= word.span.start && c.span.end <= word.span.end,
  );
}

/** curl/wget output executed directly: nothing checks what the server sent before it runs. */
export const DD5001: Rule = {
  meta: {
    id: 'DD5001',
    title: 'Remote script piped into a shell',
    severity: 'high',
    category: 'shell',
    why: 'A script piped from the network runs whatever the server (or anyone in between) sends at build time, unpinned and unverified, and a truncated download can run half a script.',
    fix: 'Download the script to a file, verify its checksum or signature, then run it (or install the tool from a package).',
    aliases: [],
    example: {
      bad: 'FROM debian:12\nRUN curl -fsSL https://get.example.com/install.sh | sh',
      good: 'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo "3b8f…  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      const script = file.shell(run);
      const flag = (fetch: ShellCommand, runner: ShellCommand, how: string) => {
        const span: Span = {
          start: Math.min(fetch.span.start, runner.span.start),
          end: Math.max(fetch.span.end, runner.span.end),
        };
        report({ message: `${fetch.name} output ${how} ${runner.name} without verification`, span });
      };
      for (const cmd of script.commands) {
        // `curl … | sh`, `wget -O- … | sudo bash -s`, `curl … | tee x | python3 -`.
        if (cmd.pipeline !== -1 && cmd.pipelineIndex > 0 && runsStdin(cmd)) {
          const fetch = script.commands.find(
            (c) => c.pipeline === cmd.pipeline && c.pipelineIndex < cmd.pipelineIndex && FETCHERS.has(c.name),
          );
          if (fetch) {
            flag(fetch, cmd, 'piped into');
            continue;
          }
        }
        // `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"`.
        if (SHELLS.has(cmd.name) || INTERPRETERS.test(cmd.name) || EVALUATORS.has(cmd.name)) {
          for (const word of cmd.args) {
            const fetch = fetchInside(word, script);
            if (fetch) {
              flag(fetch, cmd, word.raw.startsWith('<(') ? 'run by' : 'substituted into');
              break;
            }
          }
        }
      }
    }
  },
};
