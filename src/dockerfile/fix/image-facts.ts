import type { ImageRef } from '../../core/image-ref.js';
import type { DrydockConfig, ImageFacts } from '../config.js';

/**
 * The key of `DrydockConfig.imageFacts`: registry, repository and tag as Docker resolves them, so
 * `python:3.11`, `docker.io/library/python:3.11` and `index.docker.io/library/python:3.11` share one.
 */
export function imageFactsKey(ref: ImageRef): string {
  return `${ref.registry === 'index.docker.io' ? 'docker.io' : ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
}

export function factsFor(config: DrydockConfig, ref: ImageRef): ImageFacts | undefined {
  return config.imageFacts?.get(imageFactsKey(ref));
}
