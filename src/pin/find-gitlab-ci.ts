import { isMap, isPair, isScalar } from 'yaml';
import type { ManifestFile } from '../manifests/manifest-file.js';
import { asMap, asSeq, valueAt } from '../manifests/yaml-nodes.js';
import type { ImageReference } from './image-reference.js';
import { scalarReference } from './yaml-reference.js';

const VARIABLE = { templating: /\$/, templatingReason: 'a CI/CD variable, expanded when the pipeline runs' };

/** Top-level keys of .gitlab-ci.yml that are not jobs (besides `default`, read below). */
const RESERVED = new Set(['stages', 'variables', 'include', 'workflow', 'cache', 'before_script', 'after_script']);

/**
 * Images of a GitLab CI file: `image:` and `services:` (strings or `name:`) at the top level, in
 * `default:` and in every job. Hidden jobs (`.template`) are included: jobs extend them.
 */
export function findGitlabCiReferences(file: ManifestFile): ImageReference[] {
  const out: ImageReference[] = [];
  for (const doc of file.documents) {
    const root = asMap(doc.contents);
    if (!root) continue;
    collect(file, root, '', out);
    for (const item of root.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (RESERVED.has(key) || key === 'image' || key === 'services') continue;
      const job = asMap(item.value);
      if (job) collect(file, job, `${key}.`, out);
    }
  }
  return out;
}

function collect(
  file: ManifestFile,
  map: NonNullable<ReturnType<typeof asMap>>,
  prefix: string,
  out: ImageReference[],
) {
  const image = valueAt(map, 'image');
  const ref = isMap(image)
    ? scalarReference(file, 'gitlab-ci', valueAt(asMap(image), 'name'), `${prefix}image.name`, VARIABLE)
    : scalarReference(file, 'gitlab-ci', image, `${prefix}image`, VARIABLE);
  if (ref) out.push(ref);
  asSeq(valueAt(map, 'services'))?.items.forEach((service, i) => {
    const s = isMap(service)
      ? scalarReference(file, 'gitlab-ci', valueAt(asMap(service), 'name'), `${prefix}services[${i}].name`, VARIABLE)
      : scalarReference(file, 'gitlab-ci', service, `${prefix}services[${i}]`, VARIABLE);
    if (s) out.push(s);
  });
}
