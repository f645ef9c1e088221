import type { Distro } from '../catalog/package.js';
import { atLeast, type Severity } from '../core/severity.js';
import { EXIT_ERROR, EXIT_OK, EXIT_POLICY } from '../policy/gate.js';
import type { Platform } from '../sources/types.js';
import type { CheckMeta, CheckOutcome, CheckSection, LayerInfo, VerifyFinding } from './check.js';

/**
 * What `drydock verify` produced: one result per check, in catalogue order, and the verdict.
 * Reporters are pure functions of it; its JSON form is docs/schemas/verify-report.v1.json.
 */

/** `warn`: failed, but below `--fail-on`; `error`: the check could not decide (exit 2). */
export type ResultStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error';
export const RESULT_STATUSES: readonly ResultStatus[] = ['pass', 'fail', 'warn', 'skip', 'error'];

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly section: CheckSection;
  readonly severity: Severity;
  readonly aliases: readonly string[];
  readonly guide?: string;
  readonly status: ResultStatus;
  readonly evidence: string;
  readonly findings: readonly VerifyFinding[];
  readonly data?: Readonly<Record<string, unknown>>;
  readonly why: string;
  readonly fix: string;
  /** How long the check took, in ms (the upgradable and vulnerability checks dominate). */
  readonly ms: number;
}

export interface VerifyVerdict {
  readonly exitCode: typeof EXIT_OK | typeof EXIT_POLICY | typeof EXIT_ERROR;
  readonly passed: boolean;
  readonly counts: Readonly<Record<ResultStatus, number>>;
  /** One line per failed or errored check. */
  readonly reasons: readonly string[];
}

export interface VerifyReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly target: string;
  readonly source: {
    readonly kind: string;
    readonly indexDigest?: string;
    readonly manifestDigest?: string;
    readonly configDigest?: string;
    readonly platform?: Platform;
  };
  readonly distro?: Distro;
  readonly generatedAt: string;
  readonly image: {
    readonly user: string;
    readonly layers: readonly LayerInfo[];
    /** OS packages (dpkg, apk, rpm) and language packages found. */
    readonly packages: { readonly os: number; readonly language: number };
  };
  readonly failOn: Severity;
  readonly results: readonly CheckResult[];
  readonly verdict: VerifyVerdict;
  /** Problems reading the image that did not stop the checks (a malformed database file…). */
  readonly warnings: readonly { readonly path?: string; readonly message: string }[];
}

/** A check's outcome as a result: a failure below the threshold is a warning. */
export function toResult(meta: CheckMeta, outcome: CheckOutcome | Error, failOn: Severity, ms: number): CheckResult {
  const base = {
    id: meta.id,
    title: meta.title,
    section: meta.section,
    severity: meta.severity,
    aliases: meta.aliases,
    ...(meta.guide ? { guide: meta.guide } : {}),
    why: meta.why,
    fix: meta.fix,
    ms,
  };
  if (outcome instanceof Error) return { ...base, status: 'error', evidence: outcome.message, findings: [] };
  const status: ResultStatus =
    outcome.status === 'fail' ? (atLeast(meta.severity, failOn) ? 'fail' : 'warn') : outcome.status;
  return {
    ...base,
    status,
    evidence: outcome.evidence,
    findings: outcome.findings ?? [],
    ...(outcome.data ? { data: outcome.data } : {}),
  };
}

/** Errors win over failures: a check that could not decide is not a pass. */
export function verdictOf(results: readonly CheckResult[]): VerifyVerdict {
  const counts: Record<ResultStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  const reasons = results
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => `${r.id} ${r.title}: ${r.status === 'error' ? 'could not check: ' : ''}${r.evidence}`);
  const exitCode = counts.error > 0 ? EXIT_ERROR : counts.fail > 0 ? EXIT_POLICY : EXIT_OK;
  return { exitCode, passed: exitCode === EXIT_OK, counts, reasons };
}

/** `SOURCE_DATE_EPOCH` when set (reproducible output), else now; second precision. */
export function reportTimestamp(now: Date = new Date()): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const ms = epoch && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : now.getTime();
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
