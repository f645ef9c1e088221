import type { ManifestKindChecker } from './kind-checker.js';

/** Every deployment format drydock checks, sorted by kind. Adding a kind = one folder + one entry here. */
export const MANIFEST_CHECKERS: readonly ManifestKindChecker[] = [];
