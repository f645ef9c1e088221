import type { Span } from '../core/location.js';
import type { Dockerfile, Instruction, Stage, Word } from './parse/dockerfile.js';

/**
 * Shared reading of instruction arguments for the DD4xxx rules. The Dockerfile model keeps
 * shell-form words as written (quotes included) and puts heredoc bodies among the words, so the
 * rules that look at paths, ports or labels go through these helpers instead.
 */

/** `"x"` / `'x'` → `x`; anything else unchanged (hadolint's dropQuotes). */
export function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

/** Words of the instruction's first line: heredoc bodies (`COPY <<EOF /x`) left out. */
export function headArgs(instr: Instruction): readonly Word[] {
  const body = instr.heredocs.find((h) => h.contentSpan)?.contentSpan;
  if (!body) return instr.args;
  return instr.args.filter((w) => w.span.start < body.start);
}

export interface CopyOperands {
  /** Source words as Docker sees them (quotes removed), heredoc markers included (`<<EOF`). */
  readonly sources: readonly { readonly value: string; readonly span: Span }[];
  readonly dest: { readonly value: string; readonly span: Span; readonly quoted: boolean };
}

/** Sources and destination of a COPY or ADD, shell or exec form; undefined with fewer than 2 words. */
export function copyOperands(instr: Instruction): CopyOperands | undefined {
  const words = instr.json ? instr.json.map((w) => ({ ...w, quoted: true })) : headArgs(instr).map(shellWord);
  const dest = words.at(-1);
  if (words.length < 2 || !dest) return undefined;
  return { sources: words.slice(0, -1), dest };
}

function shellWord(w: Word): { value: string; span: Span; quoted: boolean } {
  const value = unquote(w.value);
  return { value, span: w.span, quoted: value !== w.value };
}

/** The stage and the earlier stages it builds on (`FROM build AS test`), nearest first. */
export function stageLineage(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !out.includes(s); s = s.baseStage) out.push(s);
  return out;
}

/** Replaces an instruction keyword, keeping the case it was written in (`add` → `copy`). */
export function keywordText(file: Dockerfile, instr: Instruction, keyword: string): string {
  const written = file.text(instr.keywordSpan);
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}

/**
 * Splits instruction text into words the way Docker's key=value parser does: whitespace outside
 * quotes separates words; quotes and escapes stay in the words.
 */
export function splitWords(text: string, escapeChar: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === escapeChar && quote !== "'" && i + 1 < text.length) {
      current += ch + (text[i + 1] ?? '');
      started = true;
      i++;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = null;
      current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
      started = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (started) words.push(current);
      current = '';
      started = false;
      continue;
    }
    current += ch;
    started = true;
  }
  if (started) words.push(current);
  return words;
}

/** Removes quotes and escapes from a word: `"a b"\"c` → `a b"c`. */
export function dequoteWord(word: string, escapeChar: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] ?? '';
    if (ch === escapeChar && quote !== "'" && i + 1 < word.length) {
      out += word[i + 1] ?? '';
      i++;
    } else if (quote && ch === quote) quote = null;
    else if (!quote && (ch === '"' || ch === "'")) quote = ch;
    else out += ch;
  }
  return out;
}

/** A double-quoted Dockerfile string for `text`: `"`, the escape char and `$` escaped. */
export function dockerfileString(text: string, escapeChar: string): string {
  let out = '';
  for (const ch of text) out += ch === '"' || ch === escapeChar || ch === '$' ? `${escapeChar}${ch}` : ch;
  return `"${out}"`;
}

/** 1-based line of an instruction, for messages that point back at an earlier one. */
export function lineOf(file: Dockerfile, instr: Instruction): number {
  return file.source.positionAt(instr.span.start).line;
}

/** Instructions of a stage with a keyword (ONBUILD triggers excluded: they run in child images). */
export function stageInstructions(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** Each repeat of `keyword` in a stage, with the one before it (`CMD` twice: only the last counts). */
export function repeatedInStage(stage: Stage, keyword: string): { instr: Instruction; previous: Instruction }[] {
  const all = stageInstructions(stage, keyword);
  const out: { instr: Instruction; previous: Instruction }[] = [];
  for (let k = 1; k < all.length; k++) {
    const instr = all[k];
    const previous = all[k - 1];
    if (instr && previous) out.push({ instr, previous });
  }
  return out;
}

/** `stage 2 (build)` / `stage 1`, for messages. */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage ${stage.name}` : `stage ${stage.index + 1}`;
}

/**
 * `COPY file:<sha256> in /dest`: how `docker history` (and Dockerfiles rebuilt from image history)
 * writes a COPY/ADD whose sources were hashed; not two sources, and not something the author wrote.
 */
export function isHistoryForm(operands: CopyOperands): boolean {
  const [first, second, ...rest] = operands.sources;
  return rest.length === 0 && second?.value === 'in' && /^(file|multi|dir):[0-9a-f]+$/.test(first?.value ?? '');
}
