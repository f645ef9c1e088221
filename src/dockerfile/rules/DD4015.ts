import { posix } from 'node:path';
import { stageInstructions, stageLineage } from '../instruction-helpers.js';
import type { Instruction } from '../parse/dockerfile.js';
import type { Rule } from '../rule.js';

/** `curl … | tar x` succeeds when curl fails, unless the shell runs with pipefail. */
export const DD4015: Rule = {
  meta: {
    id: 'DD4015',
    title: 'Pipe in RUN without pipefail',
    severity: 'low',
    category: 'shell',
    why: 'A pipeline returns the status of its last command, so `curl … | sh` or `wget -O- … | tar x` passes the build even when the download failed.',
    fix: 'Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before the RUN, or start the RUN with set -o pipefail in a shell that supports it.',
    aliases: ['DL4006'],
    peerNotes:
      "As hadolint: SHELL must be bash, zsh or ash (ksh/mksh too) with -o pipefail; /bin/sh does not count. PowerShell and cmd shells are exempt. Unlike hadolint, a RUN that runs `set -o pipefail` (or `set -euxo pipefail`) before its first pipe is accepted, and a stage built on an earlier stage inherits that stage's SHELL, as Docker does.",
    example: {
      bad: 'RUN curl -fsSL https://example.org/install.sh | sh',
      good: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.org/install.sh | bash',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      if (run.json || shellIsSafe(run)) continue;
      const commands = file.shell(run).commands;
      const piped = commands.find((c) => c.pipelineIndex >= 1);
      if (!piped) continue;
      if (commands.some((c) => c.index < piped.index && c.name === 'set' && setsPipefail(c.args.map((a) => a.value)))) {
        continue;
      }
      const members = commands.filter((c) => c.pipeline === piped.pipeline);
      const start = Math.min(...members.map((c) => c.span.start));
      const end = Math.max(...members.map((c) => c.span.end));
      report({
        message: 'pipe without pipefail: the RUN succeeds when an earlier command of the pipe fails',
        span: { start, end },
      });
    }
  },
};

/** The SHELL in force at the RUN (in its stage or a stage it builds on) is non-POSIX or sets pipefail. */
function shellIsSafe(run: Instruction): boolean {
  if (!run.stage) return false;
  for (const stage of stageLineage(run.stage)) {
    const shells = stageInstructions(stage, 'SHELL').filter(
      (s) => stage !== run.stage || s.span.start < run.span.start,
    );
    const last = shells.at(-1);
    if (!last) continue;
    const words = (last.json ?? []).map((w) => w.value);
    const exe = posix.basename((words[0] ?? '').replace(/\\/g, '/')).toLowerCase();
    if (NON_POSIX.some((p) => exe.startsWith(p))) return true;
    return PIPEFAIL_SHELLS.has(exe) && setsPipefail(words.slice(1));
  }
  return false;
}

/** `-o pipefail`, also clustered (`-eo pipefail`, `-euxo pipefail`). */
function setsPipefail(args: readonly string[]): boolean {
  return args.some((a, k) => a === 'pipefail' && /^-[A-Za-z]*o$/.test(args[k - 1] ?? ''));
}

const NON_POSIX = ['pwsh', 'powershell', 'cmd'];
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
