import type { Fix } from '../core/finding.js';
import type { Span } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import type { ManifestFile } from './manifest-file.js';

/** The deployment formats drydock checks; each has its own folder, rule registry and id prefix. */
export type ManifestKind = 'kubernetes' | 'ecs' | 'compose' | 'railway';

/** Rule id prefix per kind: `DK1001` (Kubernetes), `DE1001` (ECS), `DC1001` (compose), `DR1001` (Railway). */
export const MANIFEST_ID_PREFIX: Readonly<Record<ManifestKind, string>> = {
  kubernetes: 'DK',
  ecs: 'DE',
  compose: 'DC',
  railway: 'DR',
};

/** Pod Security Standards profile a Kubernetes control belongs to (restricted includes baseline). */
export type PssLevel = 'baseline' | 'restricted';

export interface ManifestRuleMeta {
  /** Stable id, also the file name: `DK1001`. */
  readonly id: string;
  readonly kind: ManifestKind;
  readonly title: string;
  readonly severity: Severity;
  /** One sentence: why this matters. */
  readonly why: string;
  /** One sentence: what to do instead. */
  readonly fix: string;
  /**
   * Equivalent ids in peer tools: Trivy `KSV001`, Checkov `CKV_K8S_20`/`CKV_AWS_…`, kube-score
   * `container-security-context-privileged`, Polaris `privilegeEscalationAllowed`, PSS control names.
   * Peer test cases of every alias run in this rule's tests where the peer ships cases.
   */
  readonly aliases: readonly string[];
  /** Kubernetes only: the Pod Security Standards level and control this rule enforces. */
  readonly pss?: { readonly level: PssLevel; readonly control: string };
  /** Off unless `--only` or a config turns it on. */
  readonly optional?: boolean;
  /** The rule attaches text edits that `harden` applies. */
  readonly fixable?: boolean;
  /** Where and why we disagree with a peer on purpose; shown in the rule's docs page. */
  readonly peerNotes?: string;
  /** Small realistic snippets in the kind's own format. */
  readonly example: { readonly bad: string; readonly good: string };
}

export interface ManifestReport {
  readonly message: string;
  /** The narrowest useful span: the offending value, or the key of the object that lacks a field. */
  readonly span: Span;
  readonly fix?: Fix;
}

export interface ManifestRuleContext<S> {
  /** What the rule looks at: one Kubernetes workload, one compose service, one ECS container… */
  readonly subject: S;
  readonly file: ManifestFile;
  report(report: ManifestReport): void;
}

/** One rule per file (`k8s/rules/DK1001.ts`), registered in that kind's sorted `rules/index.ts`. */
export interface ManifestRule<S> {
  readonly meta: ManifestRuleMeta;
  check(context: ManifestRuleContext<S>): void;
}
