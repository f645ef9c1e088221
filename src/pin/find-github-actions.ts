import { isMap, isPair, isScalar } from 'yaml';
import type { ManifestFile } from '../manifests/manifest-file.js';
import { asMap, asSeq, valueAt } from '../manifests/yaml-nodes.js';
import type { ImageReference } from './image-reference.js';
import { scalarReference } from './yaml-reference.js';

const EXPRESSION = { templating: /\$\{\{/, templatingReason: 'a ${{ }} expression, evaluated when the workflow runs' };

/**
 * Images of a GitHub Actions workflow: `jobs.<id>.container` (a string or `image:`),
 * `jobs.<id>.services.<name>` (likewise) and `uses: docker://image` steps.
 */
export function findGithubActionsReferences(file: ManifestFile): ImageReference[] {
  const out: ImageReference[] = [];
  const push = (ref: ImageReference | undefined) => {
    if (ref) out.push(ref);
  };
  for (const doc of file.documents) {
    const jobs = asMap(valueAt(asMap(doc.contents), 'jobs'));
    for (const item of jobs?.items ?? []) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const id = String(item.key.value);
      const job = asMap(item.value);
      if (!job) continue;
      push(containerImage(file, valueAt(job, 'container'), `jobs.${id}.container`));
      for (const s of asMap(valueAt(job, 'services'))?.items ?? []) {
        if (isPair(s) && isScalar(s.key)) {
          push(containerImage(file, s.value, `jobs.${id}.services.${String(s.key.value)}`));
        }
      }
      asSeq(valueAt(job, 'steps'))?.items.forEach((step, i) => {
        push(
          scalarReference(file, 'github-actions', valueAt(asMap(step), 'uses'), `jobs.${id}.steps[${i}].uses`, {
            prefix: 'docker://',
            ...EXPRESSION,
          }),
        );
      });
    }
  }
  return out;
}

/** `container: node:20` or `container: {image: node:20, …}`. */
function containerImage(file: ManifestFile, node: unknown, field: string): ImageReference | undefined {
  if (isMap(node))
    return scalarReference(file, 'github-actions', valueAt(asMap(node), 'image'), `${field}.image`, EXPRESSION);
  return scalarReference(file, 'github-actions', node, field, EXPRESSION);
}
