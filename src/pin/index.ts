/** Digest pinning and base-image updates (`drydock pin`, `drydock update`): the library side. */

export { discoverReferenceFiles } from './discover.js';
export { findComposeReferences } from './find-compose.js';
export { findDockerfileReferences } from './find-dockerfile.js';
export { findEcsReferences } from './find-ecs.js';
export { findGithubActionsReferences } from './find-github-actions.js';
export { findGitlabCiReferences } from './find-gitlab-ci.js';
export { findKubernetesReferences } from './find-kubernetes.js';
export { findReferences, kindByContent, kindByName } from './find-references.js';
export {
  type FileReferences,
  type ImageReference,
  pinnedText,
  REFERENCE_FILE_KINDS,
  type ReferenceFileKind,
  tagKey,
  updatedText,
} from './image-reference.js';
export {
  ageOf,
  DEFAULT_LOCK_FILE,
  type LockEntry,
  type LockFile,
  parseLockFile,
  readLockFile,
  renderLockFile,
} from './lock-file.js';
export {
  type PinPathsOptions,
  type PinRun,
  pinPaths,
  type UpdatePathsOptions,
  type UpdateRun,
  updatePaths,
} from './pin-paths.js';
export { type FileChange, type PinPlan, planPin, planUpdate, type RefOutcome, type RefStatus } from './plan.js';
export { type ImageMove, imageMoves, prBody, prTitle } from './pr-body.js';
export {
  createDigestResolver,
  createLockResolver,
  type DigestResolver,
  type DigestResolverOptions,
} from './resolver.js';
export { unifiedDiff } from './unified-diff.js';
export {
  fileFindings,
  UNPINNED_DOCKERFILE_RULE,
  UNPINNED_MANIFEST_RULE,
  UNPINNED_RULES,
  unpinnedImageFindings,
} from './unpinned-findings.js';
export { formatDelta, type VulnDelta, vulnDeltas } from './vuln-delta.js';
