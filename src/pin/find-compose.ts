import { isPair, isScalar } from 'yaml';
import type { ManifestFile } from '../manifests/manifest-file.js';
import { asMap, pairOf, valueAt } from '../manifests/yaml-nodes.js';
import type { ImageReference } from './image-reference.js';
import { scalarReference } from './yaml-reference.js';

/**
 * `services.<name>.image` of a Compose file. A service that also has `build:` is skipped: there
 * `image:` names the image Compose builds and tags, not one it pulls.
 */
export function findComposeReferences(file: ManifestFile): ImageReference[] {
  const out: ImageReference[] = [];
  for (const doc of file.documents) {
    const services = asMap(valueAt(asMap(doc.contents), 'services'));
    for (const item of services?.items ?? []) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const service = asMap(item.value);
      if (!service || pairOf(service, 'build')) continue;
      const ref = scalarReference(
        file,
        'compose',
        valueAt(service, 'image'),
        `services.${String(item.key.value)}.image`,
        {
          templating: /\$/,
          templatingReason: 'uses ${VAR} interpolation: the image is chosen when compose runs',
        },
      );
      if (ref) out.push(ref);
    }
  }
  return out;
}
