import { isMap, isPair, isScalar, isSeq, type Pair, type Scalar } from 'yaml';
import type { TextEdit } from '../../core/text-edit.js';
import { combineInsertions, type YamlEditor, type YamlValue } from '../yaml-edits.js';
import { type MapNode, pairOf, type SeqNode } from '../yaml-nodes.js';
import { type ComposeService, serviceValue, stringList } from './subjects.js';

/**
 * Fix builders shared by the compose and ECS rules, on top of the YamlEditor. Compose fixes write to
 * the service's own map: a key that only comes from a `<<: *anchor` is overridden by a new own key
 * (Compose merges per key), keeping the anchor intact.
 */

/**
 * Replaces a scalar, keeping its quoting even for booleans: CloudFormation's `Privileged: "true"`
 * becomes `"false"`, not a bare `false`.
 */
export function setScalarKeepingQuotes(editor: YamlEditor, node: Scalar, value: string | number | boolean): TextEdit {
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return editor.setScalar(node, quoted ? String(value) : value);
}

/** Sets `key: value` in a map: replaces its scalar or any other value, or adds the key. */
export function setPair(
  editor: YamlEditor,
  map: MapNode,
  pair: Pair<unknown, unknown> | undefined,
  key: string,
  value: YamlValue,
): TextEdit {
  if (!pair) return editor.insertPair(map, key, value);
  if (isScalar(pair.value) && pair.value.value !== null && typeof value !== 'object') {
    return setScalarKeepingQuotes(editor, pair.value, value as string | number | boolean);
  }
  return editor.replaceValue(map, pair, value);
}

/**
 * Appends items to a list in one edit (one fix must not hold two insertions at the same point); an
 * empty list is rewritten whole.
 */
export function appendItems(
  editor: YamlEditor,
  map: MapNode,
  pair: Pair<unknown, unknown>,
  items: readonly YamlValue[],
): TextEdit {
  const seq = pair.value as SeqNode;
  if (seq.items.length === 0) return editor.replaceValue(map, pair, items);
  const range = seq.range;
  const last = seq.items.at(-1) as { range?: [number, number, number] } | undefined;
  if (editor.style.json && seq.flow && range && last?.range && !editor.text.slice(range[0], range[1]).includes('\n')) {
    // A one-line JSON array (`[{ "name": "conf" }]`) stays on one line.
    const at = last.range[1];
    return { span: { start: at, end: at }, text: items.map((item) => `, ${inlineJson(item)}`).join('') };
  }
  const edits = items.map((item) => editor.appendItem(seq, item));
  const first = edits[0];
  if (!first) throw new RangeError('nothing to append');
  return { span: first.span, text: edits.map((e) => e.text).join('') };
}

/** JSON on one line, spaced like hand-written JSON: `{ "name": "web-tmp" }`, `["ALL"]`. */
function inlineJson(value: YamlValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as readonly YamlValue[]).map(inlineJson).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: YamlValue });
  return entries.length === 0
    ? '{}'
    : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }`;
}

/** Joins one fix's insertions that land on the same offset (the end of a container and of its task). */
export function joinSamePoint(edits: readonly TextEdit[]): TextEdit[] {
  return combineInsertions(edits.map((e) => [e])).flat();
}

/** Sets `key: value` on the service: replaces its own value or adds the key. */
export function setScalar(service: ComposeService, key: string, value: string | number | boolean): TextEdit {
  return setPair(service.editor, service.map, pairOf(service.map, key), key, value);
}

/**
 * Adds items to a list field (`cap_drop`, `security_opt`, `tmpfs`): appended to the service's own list,
 * a scalar becomes a list, and a list inherited from an anchor is copied into a new own key first.
 */
export function addToList(service: ComposeService, key: string, items: readonly string[]): TextEdit {
  const own = pairOf(service.map, key);
  if (own && isSeq(own.value)) return appendItems(service.editor, service.map, own, items);
  const current = stringList(serviceValue(service, key)).map((i) => i.value);
  const value = [...(own && isMap(own.value) ? [] : current), ...items];
  return setPair(service.editor, service.map, own && isPair(own) ? own : undefined, key, value);
}
