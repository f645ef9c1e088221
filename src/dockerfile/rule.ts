import type { Fix } from '../core/finding.js';
import type { Span } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import type { DrydockConfig } from './config.js';
import type { Dockerfile } from './parse/dockerfile.js';

export type RuleCategory = 'syntax' | 'base-image' | 'user' | 'packages' | 'instructions' | 'shell' | 'secrets';

export interface RuleMeta {
  /** Stable id, also the file name: `DD3002`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** One sentence: why this matters. */
  readonly why: string;
  /** One sentence: what to do instead. */
  readonly fix: string;
  /**
   * Equivalent ids in peer tools: hadolint `DLxxxx`, Trivy `DSxxx`, Dockle `CIS-DI-xxxx`/`DKL-DI-xxxx`.
   * Peer test cases of every alias run in this rule's tests.
   */
  readonly aliases: readonly string[];
  /** Off unless a config turns it on (e.g. version pinning of every apt package). */
  readonly optional?: boolean;
  /** The rule attaches text edits that `drydock fix` can apply. */
  readonly fixable?: boolean;
  /** Where and why we disagree with a peer on purpose; shown in the rule's docs page. */
  readonly peerNotes?: string;
  readonly example: { readonly bad: string; readonly good: string };
}

export interface RuleReport {
  readonly message: string;
  readonly span: Span;
  readonly fix?: Fix;
}

export interface RuleContext {
  readonly file: Dockerfile;
  readonly config: DrydockConfig;
  report(report: RuleReport): void;
}

/** One rule per file (`rules/DD3002.ts`), registered in `rules/index.ts`. Rules never write files. */
export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}
