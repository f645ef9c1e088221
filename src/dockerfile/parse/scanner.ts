import type { Span } from '../../core/location.js';

/**
 * Splits a Dockerfile into parser directives, comments and instructions, following BuildKit's
 * parser (frontend/dockerfile/parser): directives only at the top, `#` comment lines, instructions
 * continued by a trailing escape character (skipping blank and comment lines inside the
 * continuation), heredocs after RUN/COPY/ADD, and ONBUILD triggers.
 *
 * One linear pass over the text. We used dockerfile-ast before; it re-splits an instruction's
 * arguments on every call with a position lookup per character, which cost more than half of
 * linting time. test/parser-diff checks this scanner against dockerfile-ast on the corpus.
 */

export interface ScannedHeredoc {
  readonly name: string;
  /** `<<-`: leading tabs are stripped from body lines and the delimiter. */
  readonly stripTabs: boolean;
  /** The body lines (from the first body line's start to the last body line's end); null if empty. */
  readonly contentSpan: Span | null;
  /** The closing delimiter, or null when the file ends first. */
  readonly delimiterSpan: Span | null;
}

export interface ScannedInstruction {
  readonly keyword: string;
  readonly keywordSpan: Span;
  /** From the keyword to the end of the instruction (last heredoc delimiter included), trailing blanks excluded. */
  readonly span: Span;
  /** The instruction's own lines (up to the heredoc bodies): where its arguments are. */
  readonly headEnd: number;
  readonly heredocs: readonly ScannedHeredoc[];
  readonly trigger?: ScannedInstruction;
}

export interface ScannedComment {
  /** Text after `#`, trimmed. */
  readonly text: string;
  readonly span: Span;
}

export interface ScanResult {
  readonly escape: string;
  readonly directives: ReadonlyMap<string, string>;
  readonly comments: readonly ScannedComment[];
  readonly instructions: readonly ScannedInstruction[];
}

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_WORD = /^<<(-?)(["']?)([^"'\s]+)\2$/;

interface Line {
  readonly start: number;
  /** End of content, before the line break. */
  readonly end: number;
}

export function scanDockerfile(text: string): ScanResult {
  const lines = splitLines(text);
  const directives = new Map<string, string>();
  const comments: ScannedComment[] = [];
  const instructions: ScannedInstruction[] = [];
  let esc = '\\';
  let i = 0;
  // Directives: `# key=value` lines at the very top, until anything else.
  for (; i < lines.length; i++) {
    const line = lines[i] as Line;
    const m = DIRECTIVE.exec(text.slice(line.start, line.end));
    const key = m?.[1]?.toLowerCase();
    if (!m || !key || !KNOWN_DIRECTIVES.has(key) || directives.has(key)) break;
    directives.set(key, m[2] ?? '');
    if (key === 'escape' && (m[2] === '`' || m[2] === '\\')) esc = m[2];
  }
  while (i < lines.length) {
    const line = lines[i] as Line;
    const first = firstNonBlank(text, line.start, line.end);
    if (first === line.end) {
      i++;
      continue;
    }
    if (text[first] === '#') {
      comments.push(comment(text, first, line.end));
      i++;
      continue;
    }
    // An instruction: its first line, then continuation lines.
    let last = i;
    let lineEnd = trimEnd(text, line.start, line.end);
    while (endsWithEscape(text, line.start, lineEnd, esc) && last + 1 < lines.length) {
      let next = last + 1;
      // Blank and comment lines inside a continuation are dropped (comments are still comments).
      while (next < lines.length) {
        const l = lines[next] as Line;
        const f = firstNonBlank(text, l.start, l.end);
        if (f === l.end) next++;
        else if (text[f] === '#') {
          comments.push(comment(text, f, l.end));
          next++;
        } else break;
      }
      if (next >= lines.length) break;
      last = next;
      const l = lines[last] as Line;
      lineEnd = trimEnd(text, l.start, l.end);
      if (!endsWithEscape(text, l.start, lineEnd, esc)) break;
    }
    const headEnd = trimEnd(text, (lines[last] as Line).start, (lines[last] as Line).end);
    const head = buildInstruction(text, first, headEnd, esc);
    let end = Math.max(headEnd, head.keywordSpan.end);
    i = last + 1;
    const heredocTarget = head.trigger ?? head;
    const heredocs: ScannedHeredoc[] = [];
    if (HEREDOC_INSTRUCTIONS.has(heredocTarget.keyword)) {
      for (const marker of heredocMarkers(text, heredocTarget.keywordSpan.end, headEnd, esc)) {
        const body = readHeredoc(text, lines, i, marker.name, marker.stripTabs);
        heredocs.push({ ...marker, contentSpan: body.contentSpan, delimiterSpan: body.delimiterSpan });
        i = body.nextLine;
        end = body.delimiterSpan?.end ?? body.contentSpan?.end ?? end;
      }
    }
    const span = { start: first, end };
    if (head.trigger) {
      const trigger = { ...head.trigger, span: { start: head.trigger.span.start, end }, heredocs };
      instructions.push({ ...head, span, headEnd, heredocs: [], trigger });
    } else {
      instructions.push({ ...head, span, headEnd, heredocs });
    }
  }
  return { escape: esc, directives, comments, instructions };
}

function buildInstruction(text: string, start: number, end: number, esc: string): ScannedInstruction {
  let k = start;
  while (k < end && !isBlank(text.charCodeAt(k))) k++;
  const keyword = text.slice(start, k).toUpperCase();
  const keywordSpan = { start, end: k };
  if (keyword === 'ONBUILD') {
    const t = skipBlanksAndContinuations(text, k, end, esc);
    if (t < end) {
      const trigger = buildInstruction(text, t, end, esc);
      return { keyword, keywordSpan, span: { start, end }, headEnd: end, heredocs: [], trigger };
    }
  }
  return { keyword, keywordSpan, span: { start, end }, headEnd: end, heredocs: [] };
}

/** Heredoc openers among the instruction's words (`<<EOF`, `<<-"EOT"`), in order. */
function heredocMarkers(text: string, from: number, to: number, esc: string): { name: string; stripTabs: boolean }[] {
  const out: { name: string; stripTabs: boolean }[] = [];
  const at = text.indexOf('<<', from);
  if (at === -1 || at >= to) return out;
  for (const word of splitWords(text, { start: from, end: to }, esc)) {
    const m = HEREDOC_WORD.exec(word.value);
    if (m?.[3]) out.push({ name: m[3], stripTabs: m[1] === '-' });
  }
  return out;
}

function readHeredoc(
  text: string,
  lines: readonly Line[],
  from: number,
  name: string,
  stripTabs: boolean,
): { contentSpan: Span | null; delimiterSpan: Span | null; nextLine: number } {
  let contentStart = -1;
  let contentEnd = -1;
  for (let n = from; n < lines.length; n++) {
    const l = lines[n] as Line;
    let s = l.start;
    if (stripTabs) while (s < l.end && text[s] === '\t') s++;
    if (text.slice(s, l.end) === name) {
      return {
        contentSpan: contentStart === -1 ? null : { start: contentStart, end: contentEnd },
        delimiterSpan: { start: s, end: l.end },
        nextLine: n + 1,
      };
    }
    if (contentStart === -1) contentStart = l.start;
    contentEnd = l.end;
  }
  return {
    contentSpan: contentStart === -1 ? null : { start: contentStart, end: contentEnd },
    delimiterSpan: null,
    nextLine: lines.length,
  };
}

export interface RawWord {
  /** The word with continuations removed; quotes and escapes kept as written. */
  readonly value: string;
  readonly span: Span;
}

/**
 * Splits `span` into blank-separated words the way Docker reads FROM, COPY, EXPOSE, USER…:
 * continuations (escape, blanks, line break) and the blank or comment lines after them are
 * skipped; quotes group blanks (`"a b"` is one word) and are kept in the value.
 */
export function splitWords(text: string, span: Span, esc: string): RawWord[] {
  const words: RawWord[] = [];
  let value = '';
  let start = -1;
  let end = -1;
  let quote = '';
  let i = span.start;
  const flush = () => {
    if (start !== -1) words.push({ value, span: { start, end } });
    value = '';
    start = -1;
  };
  while (i < span.end) {
    const ch = text[i] as string;
    if (ch === esc) {
      const cont = continuationEnd(text, i, span.end);
      if (cont !== -1) {
        i = skipDroppedLines(text, cont, span.end);
        continue;
      }
      if (start === -1) start = i;
      value += ch + (text[i + 1] ?? '');
      i += 2;
      end = Math.min(i, span.end);
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (!quote && (ch === ' ' || ch === '\t')) {
      flush();
      i++;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    if (start === -1) start = i;
    value += ch;
    i++;
    end = i;
  }
  flush();
  return words;
}

/** After an escape at `at`: the index after its line break if it is a continuation, else -1. */
function continuationEnd(text: string, at: number, limit: number): number {
  let k = at + 1;
  while (k < limit && (text[k] === ' ' || text[k] === '\t')) k++;
  if (k >= limit) return limit;
  if (text[k] === '\r' && text[k + 1] === '\n') return k + 2;
  if (text[k] === '\n' || text[k] === '\r') return k + 1;
  return -1;
}

/** Skips the blank and comment lines Docker drops inside a continuation. */
function skipDroppedLines(text: string, from: number, limit: number): number {
  let i = from;
  for (;;) {
    let k = i;
    while (k < limit && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k < limit && text[k] === '#') {
      while (k < limit && text[k] !== '\n' && text[k] !== '\r') k++;
    } else if (!(k < limit && (text[k] === '\n' || text[k] === '\r'))) return i;
    if (k >= limit) return limit;
    i = k + (text[k] === '\r' && text[k + 1] === '\n' ? 2 : 1);
  }
}

function skipBlanksAndContinuations(text: string, from: number, limit: number, esc: string): number {
  let i = from;
  for (;;) {
    while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === esc) {
      const cont = continuationEnd(text, i, limit);
      if (cont !== -1) {
        i = skipDroppedLines(text, cont, limit);
        continue;
      }
    }
    return i;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function firstNonBlank(text: string, start: number, end: number): number {
  let k = start;
  while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
  return k;
}

function trimEnd(text: string, start: number, end: number): number {
  let k = end;
  while (k > start && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  return k;
}

function endsWithEscape(text: string, start: number, trimmedEnd: number, esc: string): boolean {
  return trimmedEnd > start && text[trimmedEnd - 1] === esc;
}

function comment(text: string, hash: number, end: number): ScannedComment {
  return { text: text.slice(hash + 1, end).trim(), span: { start: hash, end: trimEnd(text, hash, end) } };
}
