import { composeChecker } from './compose/index.js';
import { ecsChecker } from './ecs/index.js';
import { kubernetesChecker } from './k8s/index.js';
import type { ManifestKindChecker } from './kind-checker.js';
import { railwayChecker } from './railway/index.js';

/** Every deployment format drydock checks, sorted by kind. Adding a kind = one folder + one entry here. */
export const MANIFEST_CHECKERS: readonly ManifestKindChecker[] = [
  composeChecker,
  ecsChecker,
  kubernetesChecker,
  railwayChecker,
];
