import type { AST } from 'toml-eslint-parser';
import tomlParser from 'toml-eslint-parser';
import type { Span } from '../core/location.js';
import type { ManifestProblem } from './model.js';

/**
 * TOML with positions. smol-toml (used by the SBOM catalogers) gives values only; the auditor needs the
 * span of every dependency string, so TOML files are read with toml-eslint-parser, a spec-checking
 * parser whose AST keeps ranges (duplicate keys and redefined tables are errors, as in TOML 1.0).
 */

export type TomlPath = readonly (string | number)[];

export interface TomlDocument {
  readonly value: Record<string, unknown>;
  /** The value node at a key path (`['tool', 'poetry', 'dependencies', 'django']`, `['package', 3, 'version']`). */
  node(path: TomlPath): AST.TOMLContentNode | undefined;
}

const keyOf = (path: TomlPath) => JSON.stringify(path);

/** Parses `text`; a syntax error becomes a located problem and undefined. */
export function parseTomlDocument(path: string, text: string, problems: ManifestProblem[]): TomlDocument | undefined {
  let program: AST.TOMLProgram;
  try {
    program = tomlParser.parseTOML(text, { tomlVersion: '1.0' });
  } catch (e) {
    const err = e as { message?: string; index?: number };
    const at = typeof err.index === 'number' ? err.index : 0;
    problems.push({ path, message: `invalid TOML: ${err.message ?? String(e)}`, span: { start: at, end: at } });
    return undefined;
  }
  const nodes = new Map<string, AST.TOMLContentNode>();
  const index = (base: TomlPath, node: AST.TOMLContentNode) => {
    nodes.set(keyOf(base), node);
    if (node.type === 'TOMLArray') {
      node.elements.forEach((el, i) => {
        index([...base, i], el);
      });
    }
    if (node.type === 'TOMLInlineTable') for (const kv of node.body) index([...base, ...keyNames(kv.key)], kv.value);
  };
  const top = program.body[0];
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      index(keyNames(item.key), item.value);
      continue;
    }
    // `resolvedKey` carries array-table indices: `[[package]]` number 3 is ['package', 3].
    for (const kv of item.body) index([...item.resolvedKey, ...keyNames(kv.key)], kv.value);
  }
  const value = tomlParser.getStaticTOMLValue(program) as Record<string, unknown>;
  return { value, node: (p) => nodes.get(keyOf(p)) };
}

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

export function nodeSpan(node: AST.TOMLNode): Span {
  return { start: node.range[0], end: node.range[1] };
}

/**
 * The span of a string value's characters inside its quotes, when they are the file's characters one
 * for one (no escape sequences): a version inside it can then be replaced in place.
 */
export function stringContentSpan(node: AST.TOMLContentNode | undefined, text: string): Span | undefined {
  if (node?.type !== 'TOMLValue' || node.kind !== 'string') return undefined;
  const quote = node.multiline ? 3 : 1;
  const start = node.range[0] + quote;
  const end = node.range[1] - quote;
  if (text.slice(start, end) !== node.value) return undefined;
  return { start, end };
}

export function isTomlRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
