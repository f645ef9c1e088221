import type { TextEdit } from '../../core/text-edit.js';
import type { Dockerfile, Instruction } from '../parse/dockerfile.js';

/**
 * Whole-line insertions for fixes that add instructions (USER, a user-creation RUN): written with
 * the file's own line break and the indentation of the instruction they go next to, so the rest
 * of the file is untouched byte for byte.
 */

/** `\r\n` when the file uses it, else `\n`. */
export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The blanks before the first character of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/**
 * Where new lines go above `instr`: above the comment lines that sit right on top of it (they
 * describe it), never into the instruction before it.
 */
export function insertionPointAbove(file: Dockerfile, instr: Instruction): number {
  const text = file.source.text;
  const previousEnd = file.instructions.filter((i) => i.span.end <= instr.span.start).at(-1)?.span.end ?? 0;
  let at = lineStart(text, instr.span.start);
  while (at > 0) {
    // Step back over the line break ending the line above (\r\n counts as one).
    const above = lineStart(text, text[at - 1] === '\n' && text[at - 2] === '\r' ? at - 2 : at - 1);
    if (above < previousEnd || !/^[ \t]*#/.test(text.slice(above, at))) break;
    at = above;
  }
  return at;
}

/** Inserts `lines` as whole lines above `instr` (and its comments), indented like it. */
export function linesAbove(file: Dockerfile, instr: Instruction, lines: readonly string[]): TextEdit {
  const text = file.source.text;
  const at = insertionPointAbove(file, instr);
  const indent = indentAt(text, instr.span.start);
  const eol = lineBreakOf(text);
  return { span: { start: at, end: at }, text: lines.map((l) => `${indent}${l}${eol}`).join('') };
}

/** Inserts `lines` as whole lines right after `instr`, indented like it. */
export function linesBelow(file: Dockerfile, instr: Instruction, lines: readonly string[]): TextEdit {
  const text = file.source.text;
  const indent = indentAt(text, instr.span.start);
  const eol = lineBreakOf(text);
  const at = instr.span.end;
  return { span: { start: at, end: at }, text: lines.map((l) => `${eol}${indent}${l}`).join('') };
}

/** Removes an instruction's whole lines (its line break included), when nothing else shares them. */
export function deleteLines(file: Dockerfile, instr: Instruction): TextEdit | undefined {
  const text = file.source.text;
  const start = lineStart(text, instr.span.start);
  if (text.slice(start, instr.span.start).trim() !== '') return undefined;
  let end = instr.span.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (end < text.length && text[end] !== '\n' && text[end] !== '\r') return undefined;
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (end < text.length) end += 1;
  return { span: { start, end }, text: '' };
}
