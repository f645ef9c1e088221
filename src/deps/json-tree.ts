import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import jsonc from 'jsonc-parser';
import type { Span } from '../core/location.js';
import type { ManifestProblem } from './model.js';

/**
 * Strict JSON with positions (package.json, package-lock.json, Pipfile.lock), read with Microsoft's
 * jsonc-parser with comments and trailing commas refused, so what parses here is what npm parses.
 */

export type { JsonNode };

/** The syntax tree, or undefined with located problems. */
export function parseJsonTree(path: string, text: string, problems: ManifestProblem[]): JsonNode | undefined {
  const errors: ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    for (const e of errors.slice(0, 1)) {
      problems.push({
        path,
        message: `invalid JSON: ${jsonc.printParseErrorCode(e.error)}`,
        span: { start: e.offset, end: e.offset + e.length },
      });
    }
    if (errors.length === 0) problems.push({ path, message: 'invalid JSON: empty document' });
    return undefined;
  }
  return root;
}

/** The value node of `key` in an object node. */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

/** `[key, valueNode, propertyNode]` of an object node, in file order. */
export function members(node: JsonNode | undefined): [string, JsonNode, JsonNode][] {
  if (node?.type !== 'object') return [];
  const out: [string, JsonNode, JsonNode][] = [];
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k && v && typeof k.value === 'string') out.push([k.value, v, prop]);
  }
  return out;
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export function jsonSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** The characters of a string node inside its quotes, when they have no escapes. */
export function jsonStringContent(node: JsonNode | undefined, text: string): Span | undefined {
  if (node?.type !== 'string') return undefined;
  const start = node.offset + 1;
  const end = node.offset + node.length - 1;
  return text.slice(start, end) === node.value ? { start, end } : undefined;
}
