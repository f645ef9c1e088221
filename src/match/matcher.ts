import type { Distro, Package } from '../catalog/package.js';
import type { Advisory, Ecosystem, Namespace } from '../vulndb/types.js';
import type { MatcherId } from './finding.js';

/** What matching needs from the database; `VulnDb` satisfies it. */
export interface AdvisoryLookup {
  advisoriesFor(namespace: Namespace, pkg: string): readonly Advisory[];
}

/** Where to look a package up and which version to compare. */
export interface MatchQuery {
  readonly namespace: Namespace;
  /** The package key inside the namespace (source package, normalised name). */
  readonly key: string;
  /** The version compared with the advisory's ranges. */
  readonly version: string;
  readonly ecosystem: Ecosystem;
}

/** One per package family: decides the lookup key and version order, never the verdict. */
export interface Matcher {
  readonly id: MatcherId;
  /** The query for a package, or undefined when this matcher does not handle it (or cannot: no distro). */
  query(pkg: Package, distro: Distro | undefined): MatchQuery | undefined;
}
