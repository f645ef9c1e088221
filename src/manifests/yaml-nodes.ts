import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../core/location.js';

/**
 * Read-only helpers over `yaml` nodes that keep positions: rules read values through these and report
 * the span of the node they judged, so a finding points at `privileged: true`, not at the document.
 */

export type MapNode = YAMLMap<unknown, unknown>;
export type SeqNode = YAMLSeq<unknown>;

export function asMap(node: unknown): MapNode | undefined {
  return isMap(node) ? (node as MapNode) : undefined;
}

export function asSeq(node: unknown): SeqNode | undefined {
  return isSeq(node) ? (node as SeqNode) : undefined;
}

/** The pair whose scalar key equals `key` (string compare), or undefined. */
export function pairOf(map: MapNode | undefined, key: string): Pair<unknown, unknown> | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item;
  }
  return undefined;
}

/** The value node under `key` (null-valued keys give undefined). */
export function valueAt(map: MapNode | undefined, key: string): Node | undefined {
  const pair = pairOf(map, key);
  const v = pair?.value;
  return v && typeof v === 'object' && 'range' in (v as object) ? (v as Node) : undefined;
}

/** Walks a path of keys (strings) and sequence indexes (numbers). */
export function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let cur: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      const seq = asSeq(cur);
      cur = seq?.items[step];
    } else {
      cur = valueAt(asMap(cur), step);
    }
    if (cur === undefined || cur === null) return undefined;
  }
  return cur as Node;
}

/** The plain JS value of a scalar node (string, number, boolean, null), else undefined. */
export function scalarOf(node: unknown): Scalar['value'] | undefined {
  return isScalar(node) ? node.value : undefined;
}

/** A scalar as a string, when it is one (numbers and booleans are stringified as written). */
export function stringOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** YAML/JSON truthiness the way Kubernetes and compose read booleans (also the string "true"). */
export function booleanOf(node: unknown): boolean | undefined {
  const v = scalarOf(node);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (/^(true|yes|on)$/i.test(v)) return true;
    if (/^(false|no|off)$/i.test(v)) return false;
  }
  return undefined;
}

/** The span of a node's value (without trailing comments/whitespace). */
export function spanOf(node: Node | Pair<unknown, unknown>): Span {
  if (isPair(node)) {
    const k = node.key as Node | null;
    const v = node.value as Node | null;
    const start = k?.range?.[0] ?? v?.range?.[0] ?? 0;
    const end = v?.range?.[1] ?? k?.range?.[1] ?? start;
    return { start, end };
  }
  const r = node.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** The span of a map entry's key: where to point when a field under it is missing. */
export function keySpanOf(map: MapNode | undefined, key: string): Span | undefined {
  const pair = pairOf(map, key);
  const k = pair?.key as Node | undefined;
  return k?.range ? { start: k.range[0], end: k.range[1] } : undefined;
}

/** The string items of a sequence (non-strings skipped). */
export function stringsOf(node: unknown): string[] {
  const seq = asSeq(node);
  if (!seq) return [];
  const out: string[] = [];
  for (const item of seq.items) {
    const s = stringOf(item);
    if (s !== undefined) out.push(s);
  }
  return out;
}
