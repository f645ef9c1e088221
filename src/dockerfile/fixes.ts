import type { Fix } from '../core/finding.js';
import type { Instruction } from './parse/dockerfile.js';
import type { ShellWord } from './parse/shell.js';

/**
 * Fix builders shared by rules, so every rule writes edits the same way: exec-form (JSON)
 * instructions get JSON strings, shell-form ones get words.
 */
export function insertArgAfter(instr: Instruction, word: ShellWord, arg: string, description: string): Fix {
  const at = word.span.end;
  const text = instr.json ? `, ${JSON.stringify(arg)}` : ` ${arg}`;
  return { description, edits: [{ span: { start: at, end: at }, text }] };
}

export function replaceSpan(span: { start: number; end: number }, text: string, description: string): Fix {
  return { description, edits: [{ span, text }] };
}
