import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { ManifestFile } from '../manifests/manifest-file.js';
import { asMap, stringOf, valueAt } from '../manifests/yaml-nodes.js';
import type { ImageReference } from './image-reference.js';
import { scalarReference } from './yaml-reference.js';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * `image:` of every container, init container and ephemeral container in every Kubernetes document
 * of a (multi-document) YAML file. The pod spec is found wherever it sits (Pod, the workload
 * templates, CronJob's job template, List items, and CRDs that embed a pod spec), by walking the
 * document for the three container lists.
 */
export function findKubernetesReferences(file: ManifestFile): ImageReference[] {
  const out: ImageReference[] = [];
  for (const doc of file.documents) {
    const root = asMap(doc.contents);
    if (!root || !stringOf(valueAt(root, 'kind')) || !stringOf(valueAt(root, 'apiVersion'))) continue;
    const name = stringOf(valueAt(asMap(valueAt(root, 'metadata')), 'name'));
    const owner = `${stringOf(valueAt(root, 'kind'))}${name ? `/${name}` : ''}`;
    walk(doc.contents, [], (list, path) => {
      list.items.forEach((item, i) => {
        const ref = scalarReference(file, 'kubernetes', valueAt(asMap(item), 'image'), `${owner} ${path}[${i}].image`, {
          templating: /\{\{|\$\(|\$\{/,
          templatingReason: 'a template placeholder: the image is filled in when the manifest is rendered',
        });
        if (ref) out.push(ref);
      });
    });
  }
  return out;
}

type Visit = (list: import('yaml').YAMLSeq<unknown>, path: string) => void;

function walk(node: unknown, path: readonly string[], visit: Visit): void {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      const here = [...path, key];
      if (CONTAINER_LISTS.has(key) && isSeq(item.value)) visit(item.value, here.join('.'));
      else walk(item.value, here, visit);
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries())
      walk(item, [...path.slice(0, -1), `${path.at(-1) ?? ''}[${i}]`], visit);
  }
}
