import { type HardenResult, hardenWith } from '../harden-loop.js';
import { checkEcsText } from './index.js';
import { ECS_RULES } from './rules/index.js';
import type { EcsFixOptions } from './subjects.js';

/**
 * The hardened task definition: each container gets the guide's block (`readonlyRootFilesystem`,
 * a non-root `user`, `linuxParameters.capabilities.drop: ["ALL"]`, `initProcessEnabled`),
 * `privileged: false`, and a task volume mounted on /tmp (and the image's run/cache paths) so the
 * read-only root still works; EFS volumes get transit encryption. JSON stays JSON, in the file's own
 * indentation; CloudFormation YAML stays YAML.
 */
export function hardenEcs(text: string, path: string, options: EcsFixOptions = {}): HardenResult {
  const rules = ECS_RULES.filter((r) => !r.meta.optional);
  return hardenWith(path, text, (t) => checkEcsText(t, path, rules, options));
}
