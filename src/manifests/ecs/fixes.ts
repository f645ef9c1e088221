import { isMap, isScalar, isSeq } from 'yaml';
import type { TextEdit } from '../../core/text-edit.js';
import { appendItems, setPair } from '../compose/fixes.js';
import type { YamlValue } from '../yaml-edits.js';
import type { MapNode } from '../yaml-nodes.js';
import { type EcsContainer, ecsKey, ecsPair, ecsShape } from './subjects.js';

/**
 * Writes `value` at a path of API-named keys below `map` (`['linuxParameters', 'capabilities', 'drop']`),
 * spelled for the file (CloudFormation PascalCase), creating the missing levels as one nested value.
 * An existing list at the end gets the items appended (existing mount points and volumes stay); an
 * existing scalar is replaced.
 */
export function setAtPath(subject: EcsContainer, map: MapNode, path: readonly string[], value: YamlValue): TextEdit {
  const [head, ...rest] = path;
  if (head === undefined) throw new RangeError('empty path');
  const pair = ecsPair(subject, map, head);
  const key = ecsKey(subject, head);
  if (pair && rest.length > 0 && isMap(pair.value) && pair.value.items.length > 0) {
    return setAtPath(subject, pair.value as MapNode, rest, value);
  }
  const shaped = ecsShape(
    subject,
    rest.reduceRight<YamlValue>((inner, k) => ({ [k]: inner }), value),
  );
  if (pair && rest.length === 0 && Array.isArray(value) && isSeq(pair.value)) {
    return appendItems(subject.editor, map, pair, ecsShape(subject, value));
  }
  if (
    pair &&
    rest.length > 0 &&
    !isMap(pair.value) &&
    !(isScalar(pair.value) && pair.value.value === null) &&
    pair.value
  ) {
    throw new Error(`${key} is not an object`);
  }
  return setPair(subject.editor, map, pair, key, shaped);
}
