import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Span } from '../../core/location.js';
import type { ManifestFile } from '../manifest-file.js';
import { YamlEditor } from '../yaml-edits.js';
import { asMap, keySpanOf, type MapNode, pairOf, stringOf } from '../yaml-nodes.js';

/** What the fixes write where the check cannot know better (`harden --user`). */
export interface ComposeFixOptions {
  /** The user added to services that set none, or replace root (`"1000"` by default). */
  readonly user?: string;
}

export const DEFAULT_FIX_USER = '1000';

/** One service of a compose file: what every DC rule looks at. */
export interface ComposeService {
  readonly name: string;
  /** The service's own map (fixes write here, never into a merged anchor). */
  readonly map: MapNode;
  /** The service name key: where a missing field is reported. */
  readonly keySpan: Span;
  readonly document: Document.Parsed;
  readonly file: ManifestFile;
  /** Minimal-edit writer over this file's text (one per file). */
  readonly editor: YamlEditor;
  readonly fixUser: string;
}

/**
 * The services of every document: `services:` (v2, v3 and the Compose Specification) or, for the
 * legacy v1 format, top-level maps that have `image` or `build`.
 */
export function composeServices(file: ManifestFile, options: ComposeFixOptions = {}): ComposeService[] {
  const editor = new YamlEditor(file.text);
  const out: ComposeService[] = [];
  for (const document of file.documents) {
    const root = asMap(document.contents);
    if (!root) continue;
    const services = asMap(pairOf(root, 'services')?.value);
    const container = services ?? (isLegacyV1(root) ? root : undefined);
    if (!container) continue;
    for (const item of container.items) {
      if (!isPair(item) || !isScalar(item.key) || !isMap(item.value)) continue;
      const name = String(item.key.value);
      if (name.startsWith('x-')) continue;
      const keySpan = keySpanOf(container, name) ?? { start: 0, end: 0 };
      out.push({
        name,
        map: item.value as MapNode,
        keySpan,
        document,
        file,
        editor,
        fixUser: options.user ?? DEFAULT_FIX_USER,
      });
    }
  }
  return out;
}

function isLegacyV1(root: MapNode): boolean {
  if (pairOf(root, 'version') || pairOf(root, 'services')) return false;
  const values = root.items.filter(isPair).map((p) => p.value);
  return values.length > 0 && values.every((v) => isMap(v) && (pairOf(asMap(v), 'image') || pairOf(asMap(v), 'build')));
}

/**
 * A service field, looking through `<<: *anchor` merge keys the way Compose does: the service's own
 * key wins, then the merged maps in order.
 */
export function serviceField(service: ComposeService, key: string): Pair<unknown, unknown> | undefined {
  return fieldIn(service.map, key, service.document, 0);
}

function fieldIn(
  map: MapNode,
  key: string,
  document: Document.Parsed,
  depth: number,
): Pair<unknown, unknown> | undefined {
  const own = pairOf(map, key);
  if (own || depth > 8) return own;
  const merge = pairOf(map, '<<');
  if (!merge) return undefined;
  const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
  for (const source of sources) {
    const resolved = isAlias(source) ? source.resolve(document) : source;
    const sourceMap = asMap(resolved);
    if (!sourceMap) continue;
    const found = fieldIn(sourceMap, key, document, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The value node of a service field (merge keys honoured). */
export function serviceValue(service: ComposeService, key: string): Node | undefined {
  const v = serviceField(service, key)?.value;
  return v && typeof v === 'object' && 'range' in (v as object) ? (v as Node) : undefined;
}

/** The service's `image:` as a string, when set. */
export function serviceImage(service: ComposeService): string | undefined {
  return stringOf(serviceValue(service, 'image'));
}

/** A field as a list of strings: a sequence's string items, or a single string. */
export function stringList(node: Node | undefined): { value: string; node: Node }[] {
  if (!node) return [];
  if (isSeq(node)) {
    const out: { value: string; node: Node }[] = [];
    for (const item of node.items) {
      const s = stringOf(item);
      if (s !== undefined) out.push({ value: s, node: item as Node });
    }
    return out;
  }
  const s = stringOf(node);
  return s === undefined ? [] : [{ value: s, node }];
}
