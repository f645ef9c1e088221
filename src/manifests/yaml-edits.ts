import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { TextEdit } from '../core/text-edit.js';
import { asMap, type MapNode, pairOf, type SeqNode } from './yaml-nodes.js';

/**
 * Minimal-edit helpers for YAML and JSON manifests: every operation returns ONE TextEdit against the
 * original text, so comments, key order, indentation style, quoting and line endings of everything
 * else survive (the way a person would edit the file). Nodes come from the `yaml` library parse that
 * `ManifestFile` holds (its `range` offsets index the same text).
 *
 * Block collections get new lines at the indentation of their siblings; flow collections (`{a: 1}`,
 * `[x]`, and every JSON object and array) get flow text, on one line or one item per line as the
 * collection already is. JSON files get JSON text (quoted keys, the file's indent), never YAML.
 *
 * Edits never overlap the nodes they do not change, so edits of different fixes apply together;
 * insertions at the same point do clash in `applyEdits` — `combineInsertions` merges those.
 */

/** A value to write: JSON-like data. Objects keep their key order. */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

export type YamlScalarValue = string | number | boolean | null;

/** How the file is written; detected once per text. */
export interface YamlStyle {
  /** The whole file is JSON: flow text is written as JSON (quoted keys, JSON strings). */
  readonly json: boolean;
  readonly eol: '\n' | '\r\n';
  /** One level of indentation: two spaces, four spaces, or a tab (JSON only). */
  readonly indent: string;
  /** `key:\n  - item` (true) or `key:\n- item` (false, kubectl's own output style). */
  readonly indentSequences: boolean;
}

export function detectYamlStyle(text: string): YamlStyle {
  const json = /^\s*[{[]/.test(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  return { json, eol, indent: detectIndent(lines, json), indentSequences: json || detectSequenceIndent(lines) };
}

/** The smallest step by which a line is indented deeper than the line before it. */
function detectIndent(lines: readonly string[], json: boolean): string {
  let best: number | undefined;
  let prev = 0;
  for (const line of lines) {
    if (isBlankOrComment(line)) continue;
    if (json && line.startsWith('\t')) return '\t';
    let width = 0;
    while (line.charCodeAt(width) === 32) width++;
    if (width > prev && (best === undefined || width - prev < best)) best = width - prev;
    prev = width;
  }
  return ' '.repeat(best !== undefined && best >= 2 && best <= 8 ? best : 2);
}

/** Looks at the first `key:` line followed by a `- item` line and compares their columns. */
function detectSequenceIndent(lines: readonly string[]): boolean {
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] ?? '';
    // A key with no value on its line: `  containers:` or `- volumeMounts:  # note`.
    const bare = line.replace(/\s+#.*$/, '').trimEnd();
    if (!bare.endsWith(':') || bare.trimStart().startsWith('#')) continue;
    let j = i + 1;
    while (j < lines.length && isBlankOrComment(lines[j] ?? '')) j++;
    const next = lines[j] ?? '';
    const dash = next.length - next.trimStart().length;
    if (!next.startsWith('- ', dash)) continue;
    const key = /^[ \t]*(?:- +)*/.exec(line)?.[0].length ?? 0;
    return dash > key;
  }
  return true;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trimStart();
  return t === '' || t.startsWith('#');
}

/** The scalar, flow or block text of a value, independent of where it goes. */
export function renderScalar(value: YamlScalarValue, json: boolean, quote?: Scalar.Type): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (json || quote === 'QUOTE_DOUBLE' || value.includes('\n')) return JSON.stringify(value);
  if (quote === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  return plainSafe(value) ? value : JSON.stringify(value);
}

/** Words YAML 1.1 (kubectl) or 1.2 would read as booleans or null. */
const SPECIAL_WORDS = /^(true|false|yes|no|y|n|on|off|null|~)$/i;
/** Numbers in any YAML notation (ints, floats, hex, octal, sexagesimal, .inf, .nan). */
const NUMBER_LIKE = /^[-+]?(\.?[0-9]|\.(inf|nan)$|0[xob])|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/i;

/**
 * Whether a string can be written without quotes and read back as the same string: no indicator
 * first, no `: ` or ` #` inside, no edge blanks, not a boolean/null/number look-alike.
 */
function plainSafe(value: string): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (SPECIAL_WORDS.test(value) || NUMBER_LIKE.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/^[-?:][^\s]/.test(value)) return false;
  if (/^[,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #/.test(value)) return false;
  // Control characters (tab and line breaks included) need a double-quoted escape.
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return false;
  return true;
}

function renderKey(key: string, json: boolean): string {
  return renderScalar(key, json);
}

function isScalarValue(value: YamlValue): value is YamlScalarValue {
  return value === null || typeof value !== 'object';
}

function isEmptyCollection(value: YamlValue): boolean {
  if (isScalarValue(value)) return false;
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

export class YamlEditor {
  readonly text: string;
  private readonly styleOverride: Partial<YamlStyle> | undefined;
  private detected: YamlStyle | undefined;
  private lineStarts: number[] | undefined;

  constructor(text: string, style?: Partial<YamlStyle>) {
    this.text = text;
    this.styleOverride = style;
  }

  /** The file's style, detected on first use (a check run that only replaces scalars never needs it). */
  get style(): YamlStyle {
    this.detected ??= { ...detectYamlStyle(this.text), ...this.styleOverride };
    return this.detected;
  }

  // ---- rendering -----------------------------------------------------------------------------

  /** A value as flow text (`{a: 1, b: [x]}`; JSON in a JSON file, one item per line at `indent`). */
  renderFlow(value: YamlValue, indent = ''): string {
    const { json } = this.style;
    if (isScalarValue(value)) return renderScalar(value, json);
    const inner = indent + this.style.indent;
    const eol = this.style.eol;
    if (Array.isArray(value)) {
      const items = value as readonly YamlValue[];
      if (items.length === 0) return '[]';
      if (!json || items.every(isScalarValue)) return `[${items.map((v) => this.renderFlow(v, indent)).join(', ')}]`;
      return `[${eol}${items.map((v) => inner + this.renderFlow(v, inner)).join(`,${eol}`)}${eol}${indent}]`;
    }
    const entries = Object.entries(value as { readonly [key: string]: YamlValue });
    if (entries.length === 0) return '{}';
    if (!json)
      return `{${entries.map(([k, v]) => `${renderKey(k, false)}: ${this.renderFlow(v, indent)}`).join(', ')}}`;
    return `{${eol}${entries.map(([k, v]) => `${inner}${renderKey(k, true)}: ${this.renderFlow(v, inner)}`).join(`,${eol}`)}${eol}${indent}}`;
  }

  /** `key: value` as block lines, the key at `indent`; lines joined by the file's line break. */
  renderBlockPair(key: string, value: YamlValue, indent: string): string {
    const head = `${indent}${renderKey(key, false)}:`;
    if (isScalarValue(value) || isEmptyCollection(value)) return `${head} ${this.renderFlow(value)}`;
    return `${head}${this.style.eol}${this.renderBlockBody(value, indent)}`;
  }

  /** The lines of a non-empty collection that is the value of a key at `keyIndent`. */
  private renderBlockBody(value: YamlValue, keyIndent: string): string {
    const eol = this.style.eol;
    if (Array.isArray(value)) {
      const dash = this.style.indentSequences ? keyIndent + this.style.indent : keyIndent;
      return (value as readonly YamlValue[]).map((item) => this.renderBlockItem(item, dash)).join(eol);
    }
    const inner = keyIndent + this.style.indent;
    return Object.entries(value as { readonly [key: string]: YamlValue })
      .map(([k, v]) => this.renderBlockPair(k, v, inner))
      .join(eol);
  }

  /** `- item` as block lines, the dash at `dashIndent`. */
  renderBlockItem(value: YamlValue, dashIndent: string): string {
    if (isScalarValue(value) || isEmptyCollection(value)) return `${dashIndent}- ${this.renderFlow(value)}`;
    const eol = this.style.eol;
    const inner = `${dashIndent}  `;
    if (Array.isArray(value)) {
      const nested = (value as readonly YamlValue[]).map((item) => this.renderBlockItem(item, inner)).join(eol);
      return `${dashIndent}- ${nested.slice(inner.length)}`;
    }
    const body = Object.entries(value as { readonly [key: string]: YamlValue })
      .map(([k, v]) => this.renderBlockPair(k, v, inner))
      .join(eol);
    return `${dashIndent}- ${body.slice(inner.length)}`;
  }

  // ---- edits ---------------------------------------------------------------------------------

  /** Replaces a scalar's text, keeping its quote style (a double-quoted value stays double-quoted). */
  setScalar(node: Scalar, value: YamlScalarValue): TextEdit {
    const [start, end] = rangeOf(node);
    const quote = typeof value === 'string' ? (node.type as Scalar.Type | undefined) : undefined;
    const json = this.detected?.json ?? this.styleOverride?.json ?? /^\s*[{[]/.test(this.text);
    return { span: { start, end }, text: renderScalar(value, json, quote) };
  }

  /**
   * Adds `key: value` to a map: after the pair named `after` (default: the last pair), on its own line
   * at the siblings' indentation in a block map; `, key: value` in a flow map (a new line per item if the
   * map already has one per line). A trailing comment stays on the line it annotates.
   */
  insertPair(map: MapNode, key: string, value: YamlValue, options: { after?: string } = {}): TextEdit {
    const pairs = map.items.filter(isPair) as Pair<unknown, unknown>[];
    const anchor = (options.after !== undefined ? pairOf(map, options.after) : undefined) ?? pairs.at(-1);
    if (map.flow) {
      if (!anchor)
        return this.replaceRange(rangeOf(map), this.renderFlow({ [key]: value }, this.lineIndentAt(rangeOf(map)[0])));
      const first = pairs[0] as Pair<unknown, unknown>;
      const itemStart = rangeOf(first.key as Node)[0];
      const multiline = this.text.slice(rangeOf(map)[0], itemStart).includes('\n');
      const itemIndent = this.indentOfColumn(itemStart);
      const pairText = `${renderKey(key, this.style.json)}: ${this.renderFlow(value, itemIndent)}`;
      const at = pairEnd(anchor);
      return {
        span: { start: at, end: at },
        text: multiline ? `,${this.style.eol}${itemIndent}${pairText}` : `, ${pairText}`,
      };
    }
    if (!anchor) {
      // A block map always has a pair; an empty map is `{}` (flow). Guard anyway.
      return this.replaceRange(rangeOf(map), this.renderFlow({ [key]: value }));
    }
    const indent = this.indentOfColumn(rangeOf(anchor.key as Node)[0]);
    return this.insertLines(pairEnd(anchor), this.renderBlockPair(key, value, indent));
  }

  /** Appends an item to a sequence (block: `- value` under the last item; flow: `, value`). */
  appendItem(seq: SeqNode, value: YamlValue): TextEdit {
    const items = seq.items as unknown[];
    const last = items.at(-1);
    if (seq.flow) {
      const [start] = rangeOf(seq);
      if (last === undefined)
        return this.replaceRange(rangeOf(seq), this.renderFlow([value], this.lineIndentAt(start)));
      const firstStart = nodeStart(items[0]);
      const multiline = this.text.slice(start, firstStart).includes('\n');
      const itemIndent = this.indentOfColumn(firstStart);
      const at = nodeEnd(last);
      const itemText = this.renderFlow(value, itemIndent);
      return {
        span: { start: at, end: at },
        text: multiline ? `,${this.style.eol}${itemIndent}${itemText}` : `, ${itemText}`,
      };
    }
    const dashIndent = this.indentOfColumn(rangeOf(seq)[0]);
    return this.insertLines(
      last === undefined ? rangeOf(seq)[1] : nodeEnd(last),
      this.renderBlockItem(value, dashIndent),
    );
  }

  /**
   * Removes the item at `index`: its whole lines in a block sequence, the item and one comma in a flow
   * one. Removing the only item leaves an empty `[]` so the key keeps its meaning (an empty list).
   */
  removeItem(seq: SeqNode, index: number): TextEdit {
    const items = seq.items as unknown[];
    const item = items[index];
    if (item === undefined) throw new RangeError(`no item ${index}`);
    if (seq.flow)
      return this.removeFlowEntry(
        items.map((i) => [nodeStart(i), nodeEnd(i)] as const),
        index,
      );
    if (items.length === 1) return this.emptyBlockCollection(rangeOf(seq), '[]');
    const dash = this.dashBefore(nodeStart(item));
    return this.removeLines(dash, nodeEnd(item));
  }

  /** Removes `key` from a map (whole lines in a block map; the pair and a comma in a flow map). */
  removePair(map: MapNode, key: string): TextEdit | undefined {
    const pairs = map.items.filter(isPair) as Pair<unknown, unknown>[];
    const index = pairs.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
    const pair = pairs[index];
    if (!pair) return undefined;
    if (map.flow)
      return this.removeFlowEntry(
        pairs.map((p) => [rangeOf(p.key as Node)[0], pairEnd(p)] as const),
        index,
      );
    if (pairs.length === 1) return this.emptyBlockCollection(rangeOf(map), '{}');
    return this.removeLines(rangeOf(pair.key as Node)[0], pairEnd(pair));
  }

  /**
   * Sets `path` under `map` to `value`, creating what is missing as one nested block (or flow text in
   * flow context): `setIn(container, ['securityContext', 'capabilities', 'drop'], ['ALL'])`. An existing
   * scalar is replaced in place; an existing `key:` with no value or `{}` is filled in. Returns no edit when
   * the value is already there, and refuses (undefined) to go through a scalar or a sequence.
   */
  setIn(map: MapNode, path: readonly string[], value: YamlValue): TextEdit | undefined {
    const [head, ...rest] = path;
    if (head === undefined) throw new RangeError('empty path');
    const nested = rest.reduceRight<YamlValue>((acc, k) => ({ [k]: acc }), value);
    const pair = pairOf(map, head);
    if (!pair) return this.insertPair(map, head, nested);
    const current = pair.value as Node | null;
    if (rest.length > 0) {
      const child = asMap(current);
      if (child && child.items.length > 0) return this.setIn(child, rest, value);
      if (child || isNullNode(current)) return this.replaceValue(map, pair, nested);
      return undefined;
    }
    if (isScalar(current) && current.value !== null && isScalarValue(value)) {
      if (current.value === value) return undefined;
      return this.setScalar(current, value);
    }
    return this.replaceValue(map, pair, value);
  }

  /**
   * Replaces a pair's value. In a block map a collection is written as an indented block under the key;
   * a `key:` without a value gets its block after any trailing comment.
   */
  replaceValue(map: MapNode, pair: Pair<unknown, unknown>, value: YamlValue): TextEdit {
    const keyStart = rangeOf(pair.key as Node)[0];
    const current = pair.value as Node | null;
    const keyIndent = this.indentOfColumn(keyStart);
    if (map.flow || isScalarValue(value) || isEmptyCollection(value)) {
      const text = this.renderFlow(value, this.style.json ? this.lineIndentAt(keyStart) : keyIndent);
      if (isNullNode(current) && current && rangeOf(current)[0] === rangeOf(current)[1]) {
        const at = rangeOf(current)[0];
        return { span: { start: at, end: at }, text: ` ${text}` };
      }
      if (!current) {
        const at = rangeOf(pair.key as Node)[1];
        return { span: { start: at, end: at }, text: ` ${text}` };
      }
      return this.replaceRange(rangeOf(current), text);
    }
    const body = this.renderBlockBody(value, keyIndent);
    if (!current || (isNullNode(current) && rangeOf(current)[0] === rangeOf(current)[1])) {
      const at = this.lineEndAt(current ? rangeOf(current)[0] : rangeOf(pair.key as Node)[1]);
      return { span: { start: at, end: at }, text: `${this.style.eol}${body}` };
    }
    if ((isMap(current) || isSeq(current)) && !current.flow) {
      // An existing block collection: rewrite its lines, keeping the key line (and its comment) as is.
      const start = this.lineStartAt(rangeOf(current)[0]);
      const end = this.removeLines(rangeOf(current)[0], rangeOf(current)[1]).span.end;
      const keep = this.text[end - 1] === '\n' ? this.style.eol : '';
      return { span: { start, end }, text: `${body}${keep}` };
    }
    // `key: {}`, `key: null`, `key: scalar` → `key:` + block; the space before the old value goes too.
    let start = rangeOf(current)[0];
    while (start > 0 && (this.text[start - 1] === ' ' || this.text[start - 1] === '\t')) start--;
    return { span: { start, end: rangeOf(current)[1] }, text: `${this.style.eol}${body}` };
  }

  // ---- positions -----------------------------------------------------------------------------

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  private lineStartAt(offset: number): number {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo] ?? 0;
  }

  /** Offset of the end of the line holding `offset`, before its line break. */
  private lineEndAt(offset: number): number {
    let end = this.text.indexOf('\n', offset);
    if (end < 0) end = this.text.length;
    if (end > 0 && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** Spaces up to `offset`'s column (a `- ` item prefix counts as indentation of the item's keys). */
  private indentOfColumn(offset: number): string {
    const prefix = this.text.slice(this.lineStartAt(offset), offset);
    return /^[ \t]*$/.test(prefix) ? prefix : ' '.repeat(prefix.length);
  }

  /** The leading whitespace of the line holding `offset`. */
  private lineIndentAt(offset: number): string {
    const start = this.lineStartAt(offset);
    return /^[ \t]*/.exec(this.text.slice(start, offset))?.[0] ?? '';
  }

  /**
   * Inserts whole lines after the line holding `after` (the line before, when `after` is a line start):
   * always at a line end, before its break, so the insertion lies inside any edit that removes that
   * line — `applyEdits` then sees the clash instead of gluing new lines to a removed block.
   */
  private insertLines(after: number, lines: string): TextEdit {
    const from = after > 0 && this.text[after - 1] === '\n' ? after - 1 : after;
    const at = this.lineEndAt(from);
    return { span: { start: at, end: at }, text: `${this.style.eol}${lines}` };
  }

  /** Deletes the lines from the one holding `start` through the one holding `end` (and its break). */
  private removeLines(start: number, end: number): TextEdit {
    const from = this.lineStartAt(start);
    const lineEnd = this.lineEndAt(Math.max(start, end - (this.text[end - 1] === '\n' ? 1 : 0)));
    let to = lineEnd;
    if (this.text[to] === '\r') to++;
    if (this.text[to] === '\n') to++;
    return { span: { start: from, end: to }, text: '' };
  }

  private removeFlowEntry(entries: readonly (readonly [number, number])[], index: number): TextEdit {
    const entry = entries[index] as readonly [number, number];
    const next = entries[index + 1];
    const prev = entries[index - 1];
    if (next) return { span: { start: entry[0], end: next[0] }, text: '' };
    if (prev) return { span: { start: prev[1], end: entry[1] }, text: '' };
    return { span: { start: entry[0], end: entry[1] }, text: '' };
  }

  /** Replaces a block collection's only entry with `[]`/`{}` after its key's colon. */
  private emptyBlockCollection(range: readonly [number, number], empty: string): TextEdit {
    let colon = range[0] - 1;
    // Walk back over blank and comment-only lines to the `key:` (or `-`) that owns the collection.
    while (colon >= 0) {
      const lineStart = this.lineStartAt(colon);
      const before = this.text.slice(lineStart, colon + 1).replace(/\r?\n$/, '');
      const stripped = before.replace(/(^|\s)#.*$/, '').trimEnd();
      if (stripped.trim() === '') {
        colon = lineStart - 1;
        continue;
      }
      colon = lineStart + stripped.length - 1;
      break;
    }
    const end = this.removeLines(range[0], range[1]).span.end;
    const keep = this.text[end - 1] === '\n' ? this.style.eol : '';
    const commentEnd = this.lineEndAt(colon + 1);
    const comment = this.text.slice(colon + 1, commentEnd);
    return { span: { start: colon + 1, end }, text: ` ${empty}${comment}${keep}` };
  }

  private replaceRange(range: readonly [number, number], text: string): TextEdit {
    return { span: { start: range[0], end: range[1] }, text };
  }

  /** The `-` that introduces a block sequence item starting at `itemStart`. */
  private dashBefore(itemStart: number): number {
    let i = itemStart - 1;
    while (i >= 0 && this.text[i] !== '-') i--;
    return Math.max(0, i);
  }
}

/**
 * Merges fix groups that are each one insertion at the same offset into one group, so
 * `fixUntilStable` applies several rules' additions to the same place in one pass instead of one per
 * pass (`applyEdits` treats same-point insertions as a clash). Texts at one point are ordered deepest
 * indentation first (a nested map closes before its parent gets a key), sequence items before keys
 * at the same indentation. Insertions that would create the same key (`securityContext:` twice) are
 * not merged — the later one waits for the next pass, where it sees the key the first one added.
 * Identical insertions are kept once.
 */
export function combineInsertions(groups: readonly (readonly TextEdit[])[]): TextEdit[][] {
  const out: TextEdit[][] = [];
  const byOffset = new Map<number, { slot: number; keys: Set<string>; texts: string[] }>();
  for (const group of groups) {
    const only = group.length === 1 ? group[0] : undefined;
    if (!only || only.span.start !== only.span.end) {
      out.push([...group]);
      continue;
    }
    const key = firstKeyOf(only.text);
    const open = byOffset.get(only.span.start);
    if (!open) {
      byOffset.set(only.span.start, { slot: out.length, keys: new Set(key ? [key] : []), texts: [only.text] });
      out.push([only]);
      continue;
    }
    if (open.texts.includes(only.text)) continue;
    if (key !== undefined && open.keys.has(key)) {
      out.push([...group]);
      continue;
    }
    if (key !== undefined) open.keys.add(key);
    open.texts.push(only.text);
  }
  for (const [offset, open] of byOffset) {
    if (open.texts.length < 2) continue;
    const ordered = open.texts
      .map((text, i) => ({ text, i, rank: insertionRank(text) }))
      .sort((a, b) => b.rank - a.rank || a.i - b.i)
      .map((t) => t.text);
    out[open.slot] = [{ span: { start: offset, end: offset }, text: ordered.join('') }];
  }
  return out;
}

/** Deeper text first; at one depth a block sequence item (`- x`) before a key. */
function insertionRank(text: string): number {
  const m = /^(?:\r?\n)?([ \t]*)(- )?/.exec(text);
  return (m?.[1]?.length ?? 0) * 2 + (m?.[2] ? 1 : 0);
}

/**
 * The key an inserted text creates (`\n  securityContext:` → securityContext; `, "user": 1` → user);
 * undefined for sequence items and plain values, which never collide.
 */
function firstKeyOf(text: string): string | undefined {
  if (/^[\s,]*- /.test(text)) return undefined;
  const m = /^[\s,]*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s:#,{}[\]"'][^:#\n]*?))\s*:(?:\s|$)/.exec(text);
  if (!m) return undefined;
  return m[1] ?? m[2] ?? m[3];
}

function rangeOf(node: Node | { range?: readonly number[] | null }): readonly [number, number] {
  const r = (node as { range?: readonly number[] | null }).range;
  return [r?.[0] ?? 0, r?.[1] ?? r?.[0] ?? 0];
}

function nodeStart(node: unknown): number {
  if (isPair(node)) return rangeOf(node.key as Node)[0];
  return rangeOf(node as Node)[0];
}

function nodeEnd(node: unknown): number {
  if (isPair(node)) return pairEnd(node);
  return rangeOf(node as Node)[1];
}

/** Where a pair's text ends: its value's end, or its key's for `key:` with nothing after it. */
function pairEnd(pair: Pair<unknown, unknown>): number {
  const v = pair.value as Node | null;
  if (v && (isMap(v) || isSeq(v) || isScalar(v)) && v.range) return Math.max(v.range[1], rangeOf(pair.key as Node)[1]);
  return rangeOf(pair.key as Node)[1];
}

function isNullNode(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}
