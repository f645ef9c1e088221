import type { Dockerfile, Instruction } from '../parse/dockerfile.js';
import type { ShellCommand } from '../parse/shell.js';
import { APT_LIST_READERS, isAptLike } from '../shell-commands.js';
import { deleteLines } from './edit-lines.js';
import { type FixPlan, manual } from './plan.js';

/**
 * DD3005's fix for apt: a RUN that only runs `apt-get update` is removed and the update is put in
 * front of the next RUN's install, so the install reads a fresh index and the lists can be deleted
 * in that same RUN. Only done when nothing between the two RUNs can change what apt sees, and when
 * the update's failure still fails the build after the move.
 */

/** Instructions that may sit between the two RUNs: none of them changes apt's sources, user or shell. */
const HARMLESS_BETWEEN = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'WORKDIR', 'MAINTAINER', 'STOPSIGNAL']);

export function planFoldUpdate(file: Dockerfile, run: Instruction, update: ShellCommand): FixPlan {
  if (!isAptLike(update, 'update')) return manual('only a lone apt-get update is folded automatically');
  const script = file.shell(run);
  if (script.commands.length !== 1 || run.json || run.heredocs.length > 0 || script.hasError) {
    return manual('the RUN does more than apt-get update: move the update next to the install by hand');
  }
  if (run.flags.length > 0) return manual('the RUN has flags (--mount…) that moving the update would drop');
  if (run.onbuild || !run.stage) return manual('an ONBUILD RUN runs in the child image');
  const updateText = file.text(update.span);
  if (updateText.includes('\n') || updateText.includes(file.escape)) {
    return manual('the update command spans lines: fold it by hand');
  }
  const own = run.stage.instructions;
  const next = own.find((i) => i.index > run.index && !HARMLESS_BETWEEN.has(i.keyword));
  if (next?.keyword !== 'RUN') {
    return manual(
      `the next instruction${next ? ` (${next.keyword}, line ${lineOf(file, next)})` : ''} is not a RUN that installs with apt`,
    );
  }
  const nextScript = file.shell(next);
  if (!nextScript.commands.some((c) => isAptLike(c, APT_LIST_READERS))) {
    return manual(`the next RUN (line ${lineOf(file, next)}) installs nothing with apt`);
  }
  if (next.json || next.heredocs.length > 0 || nextScript.hasError) {
    return manual(
      `the next RUN (line ${lineOf(file, next)}) is in exec form or has a heredoc: fold the update by hand`,
    );
  }
  const removal = deleteLines(file, run);
  if (!removal) return manual('the RUN shares its line with other text');
  const insertion = insertionInto(file, next, updateText);
  if (!insertion) {
    return manual(
      `the next RUN (line ${lineOf(file, next)}) is not a single && chain (nor set -e; …), so a failed update would not fail it: fold by hand`,
    );
  }
  return {
    fix: {
      description: `fold ${update.name} update into the RUN at line ${lineOf(file, next)}`,
      edits: [removal, insertion],
    },
  };
}

/**
 * Where and how to put `update` into `next` so that a failing update still fails the RUN:
 * in front of a script that is a single `&&` chain (`update && …`), or after a leading `set -e…`
 * followed by `;` or a line break (errexit then stops at the update).
 */
function insertionInto(file: Dockerfile, next: Instruction, update: string) {
  const script = file.shell(next);
  const first = script.commands[0];
  if (!first) return undefined;
  const lead = file.text({ start: next.argsSpan.start, end: first.span.start });
  if (lead.trim() !== '') return undefined;
  if (isSingleAndList(script.text)) {
    return { span: { start: first.span.start, end: first.span.start }, text: `${update} && ` };
  }
  const second = script.commands[1];
  if (first.name === 'set' && second && setsErrexit(first)) {
    const separator = file.text({ start: first.span.end, end: second.span.start });
    if (/[;\n]/.test(separator) && !/[&|]/.test(separator)) {
      return { span: { start: second.span.start, end: second.span.start }, text: `${update}${separator}` };
    }
  }
  return undefined;
}

function setsErrexit(cmd: ShellCommand): boolean {
  return (
    cmd.args.some((a) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(a.value)) ||
    cmd.args.some((a, i) => a.value === '-o' && cmd.args[i + 1]?.value === 'errexit')
  );
}

function lineOf(file: Dockerfile, instr: Instruction): number {
  return file.source.positionAt(instr.span.start).line;
}

/**
 * True when a shell script is one AND-list at the top level: no `;`, `||`, `&`, line break or
 * compound command outside quotes and substitutions, so `update && <script>` fails as a whole
 * when the update fails. Conservative: anything it does not understand (case, here-docs) is false.
 */
export function isSingleAndList(script: string): boolean {
  const text = script.trim();
  if (/(^|[\s;&|(])(case|if|while|until|for|function)\s/.test(text) || text.includes('<<')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '$' && text[i + 1] === '(') return false;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '`') return false;
    else if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (depth === 0 && c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) return false;
    else if (depth === 0 && (c === ';' || c === '\n')) return false;
    else if (depth === 0 && c === '|' && text[i + 1] === '|') return false;
    else if (depth === 0 && c === '&') {
      if (text[i + 1] === '&') {
        i++;
        continue;
      }
      // `2>&1`, `&>file`, `>&2` are redirections, not background jobs.
      if (text[i - 1] === '>' || text[i - 1] === '<' || text[i + 1] === '>') continue;
      return false;
    }
    if (depth < 0) return false;
  }
  return quote === undefined && depth === 0;
}
