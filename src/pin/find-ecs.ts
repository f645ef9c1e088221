import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { ManifestFile } from '../manifests/manifest-file.js';
import { asMap, stringOf, valueAt } from '../manifests/yaml-nodes.js';
import type { ImageReference } from './image-reference.js';
import { scalarReference } from './yaml-reference.js';

/**
 * `image` of every container definition in an ECS task definition: the API's JSON
 * (`containerDefinitions`, also under `taskDefinition` as `describe-task-definition` prints it) and
 * CloudFormation's `AWS::ECS::TaskDefinition` (`ContainerDefinitions[].Image`), JSON or YAML. A
 * CloudFormation function (`!Sub`, `Fn::Join`) is reported but never rewritten.
 */
export function findEcsReferences(file: ManifestFile): ImageReference[] {
  const out: ImageReference[] = [];
  for (const doc of file.documents) {
    walk(doc.contents, '', (definitions, path, imageKey) => {
      definitions.items.forEach((item, i) => {
        const def = asMap(item);
        const name = stringOf(valueAt(def, imageKey === 'image' ? 'name' : 'Name'));
        const field = `${path}[${i}]${name ? ` (${name})` : ''}.${imageKey}`;
        const ref = scalarReference(file, 'ecs', valueAt(def, imageKey), field, {
          templating: /\$\{|\{\{/,
          templatingReason: 'a placeholder filled in when deployed',
        });
        if (ref) out.push(ref);
      });
    });
  }
  return out;
}

type Visit = (definitions: import('yaml').YAMLSeq<unknown>, path: string, imageKey: 'image' | 'Image') => void;

function walk(node: unknown, path: string, visit: Visit): void {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      const here = path === '' ? key : `${path}.${key}`;
      if ((key === 'containerDefinitions' || key === 'ContainerDefinitions') && isSeq(item.value)) {
        visit(item.value, here, key === 'containerDefinitions' ? 'image' : 'Image');
      } else walk(item.value, here, visit);
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) walk(item, `${path}[${i}]`, visit);
  }
}
