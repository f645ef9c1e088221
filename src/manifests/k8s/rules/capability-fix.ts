import type { Fix } from '../../../core/finding.js';
import type { ManifestFile } from '../../manifest-file.js';
import { asMap, asSeq, valueAt } from '../../yaml-nodes.js';
import { editorFor, fixOf } from '../rule-kit.js';
import type { Container } from '../subjects.js';

/**
 * Removes one capability from `capabilities.add`; when every entry goes (`allRemoved`), removes the
 * `add` key instead so no empty `add:` is left behind. Shared by DK1006 and DK2007.
 */
export function removeCapabilityFix(
  file: ManifestFile,
  c: Container,
  index: number,
  name: string,
  allRemoved: boolean,
): Fix | undefined {
  const caps = asMap(valueAt(c.securityContext, 'capabilities'));
  const add = asSeq(valueAt(caps, 'add'));
  if (!caps || !add) return undefined;
  const editor = editorFor(file);
  const edit = allRemoved ? editor.removePair(caps, 'add') : editor.removeItem(add, index);
  return fixOf(`remove ${name} from capabilities.add`, edit);
}
