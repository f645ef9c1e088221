import type { Ecosystem, VersionComparer } from '../types.js';
import { apkComparer } from './apk.js';
import { debComparer } from './deb.js';
import { goComparer } from './go.js';
import { pep440Comparer } from './pep440.js';
import { rpmComparer } from './rpm.js';
import { semverComparer } from './semver.js';

// A Record over Ecosystem: adding an ecosystem to types.ts fails to compile until it has a comparer here.
const COMPARERS: Readonly<Record<Ecosystem, VersionComparer>> = {
  deb: debComparer,
  apk: apkComparer,
  rpm: rpmComparer,
  pypi: pep440Comparer,
  npm: semverComparer,
  go: goComparer,
};

export function comparerFor(ecosystem: Ecosystem): VersionComparer {
  return COMPARERS[ecosystem];
}

export { parseDebVersion } from './deb.js';
export { satisfiesPep440 } from './pep440.js';
export { satisfiesSemver } from './semver.js';
