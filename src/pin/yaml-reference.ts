import { isScalar, type Node } from 'yaml';
import type { Span } from '../core/location.js';
import type { ManifestFile } from '../manifests/manifest-file.js';
import type { ImageReference, ReferenceFileKind } from './image-reference.js';

export interface ScalarReferenceOptions {
  /** Text before the image inside the value (`docker://` of a workflow step). */
  readonly prefix?: string;
  /** Values matching this are templated (`${VAR}`, `{{ .Values }}`, `${{ matrix.x }}`): reported, never rewritten. */
  readonly templating?: RegExp;
  readonly templatingReason?: string;
}

/**
 * The image reference held by a YAML or JSON scalar, with the span of the characters that spell it
 * (inside the quotes when quoted), so a rewrite keeps quoting, comments and layout. A value that is
 * not a plain string (a CloudFormation `!Sub`, a block scalar, escapes) is reported but never rewritten.
 */
export function scalarReference(
  file: ManifestFile,
  kind: ReferenceFileKind,
  node: unknown,
  field: string,
  options: ScalarReferenceOptions = {},
): ImageReference | undefined {
  if (node === null || node === undefined || typeof node !== 'object') return undefined;
  const n = node as Node;
  const range = n.range;
  if (!range) return undefined;
  const whole: Span = { start: range[0], end: range[1] };
  const base = { path: file.path, kind, field, location: file.location(whole) };
  const text = file.text.slice(whole.start, whole.end);
  if (!isScalar(n)) return { ...base, image: text, span: whole, written: text, skip: 'not a plain string' };
  if (typeof n.value !== 'string') return undefined;
  const prefix = options.prefix ?? '';
  if (!n.value.startsWith(prefix)) return undefined;
  const image = n.value.slice(prefix.length);
  if (image.trim() === '') return undefined;
  if (n.tag !== undefined && n.tag !== 'tag:yaml.org,2002:str') {
    return { ...base, image, span: whole, written: text, skip: `a ${n.tag} value, computed when deployed` };
  }
  if (options.templating?.test(image)) {
    return { ...base, image, span: whole, written: text, skip: options.templatingReason ?? 'templated value' };
  }
  let span = whole;
  if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') span = { start: whole.start + 1, end: whole.end - 1 };
  else if (n.type !== 'PLAIN') return { ...base, image, span: whole, written: text, skip: 'a block scalar' };
  span = { start: span.start + prefix.length, end: span.end };
  const written = file.text.slice(span.start, span.end);
  if (written !== image) return { ...base, image, span: whole, written: text, skip: 'written with escapes' };
  return { ...base, location: file.location(span), image, span, written };
}
