import type { Fix } from '../../core/finding.js';
import { effectiveShell, isPosixShell } from '../image-helpers.js';
import type { Dockerfile, Instruction } from '../parse/dockerfile.js';
import type { ShellCommand } from '../parse/shell.js';
import { appendToRun } from '../shell-commands.js';
import { indentAt, lineBreakOf } from './edit-lines.js';

/**
 * Adding a command to a RUN without changing what the rest of it does: at the end of a shell-form
 * RUN (`&& cmd`, see appendToRun), as a new last line of a heredoc script, or right after one
 * command with the separator the script already uses there, so `set -e` scripts keep failing
 * where they failed before.
 */

/** `command` as the RUN's last step, or undefined where that is not safe. */
export function appendCommand(
  file: Dockerfile,
  run: Instruction,
  command: string,
  description: string,
): Fix | undefined {
  return appendToRun(file, run, command, description) ?? appendToHeredoc(file, run, command, description);
}

/**
 * `RUN <<EOF` (or `RUN <<EOF bash`) runs the heredoc body as a shell script: the command goes on
 * a new line at its end, indented like the last line. Not for other interpreters (a `#!` line,
 * `python3 <<EOF`), nor when the last line continues or backgrounds.
 */
function appendToHeredoc(file: Dockerfile, run: Instruction, command: string, description: string): Fix | undefined {
  const heredoc = run.heredocs[0];
  if (run.json || run.heredocs.length !== 1 || !heredoc?.contentSpan || !heredoc.terminated) return undefined;
  const [marker, ...rest] = run.args.filter((w) => heredoc.contentSpan && w.span.start < heredoc.contentSpan.start);
  if (!marker || !/^<<-?["']?[A-Za-z_]/.test(marker.value)) return undefined;
  if (rest.length > 1 || (rest[0] && !isPosixShell([rest[0].value]))) return undefined;
  if (!rest[0] && !isPosixShell(effectiveShell(run))) return undefined;
  const body = file.text(heredoc.contentSpan);
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  if (first.startsWith('#!') && !isPosixShell(first.slice(2).trim().split(/\s+/))) return undefined;
  if (file.shell(run).hasError) return undefined;
  const lastLine = body.slice(body.lastIndexOf('\n') + 1).trimEnd();
  if (/(\\|&&|\|\||[|&]|\bthen|\bdo|\belse|\{)$/.test(lastLine) || lastLine.trimStart().startsWith('#'))
    return undefined;
  const at = heredoc.contentSpan.end;
  const text = file.source.text;
  return {
    description,
    edits: [{ span: { start: at, end: at }, text: `${lineBreakOf(text)}${indentAt(text, at)}${command}` }],
  };
}

/**
 * `command` right after `cmd` in the same RUN: ` && command` when `cmd` ends the script or is
 * followed by `&&`; the same `;`/line-break separator that follows `cmd` otherwise (an `&&` there
 * would exempt `cmd` from `set -e`). Undefined in pipelines, exec form and unknown separators.
 */
export function insertAfterCommand(
  file: Dockerfile,
  run: Instruction,
  cmd: ShellCommand,
  command: string,
  description: string,
): Fix | undefined {
  if (run.json || cmd.pipeline !== -1) return undefined;
  const at = cmd.span.end;
  const next = file
    .shell(run)
    .commands.filter((c) => c.span.start >= at)
    .sort((a, b) => a.span.start - b.span.start)[0];
  const between = next ? file.text({ start: at, end: next.span.start }) : '';
  let text: string | undefined;
  if (!next || /^[\s\\]*&&/.test(between)) text = ` && ${command}`;
  else if (/^[ \t]*(;|\r?\n)/.test(between) && !/[&|(){}#]/.test(between)) text = `${between}${command}`;
  if (text === undefined) return undefined;
  return { description, edits: [{ span: { start: at, end: at }, text }] };
}
