import type { Severity } from '../core/severity.js';
import { DEFAULT_FAIL_ON } from '../policy/gate.js';
import { VERSION } from '../version.js';
import { contextUser, describeUser } from './accounts.js';
import type { CheckContext, VerifyCheck, VerifyOptions } from './check.js';
import { buildStep } from './check.js';
import { CHECKS } from './checks/index.js';
import { type CollectOptions, collectImage, resolverOf } from './collect.js';
import { type CheckResult, reportTimestamp, toResult, type VerifyReport, verdictOf } from './report.js';

export interface VerifyImageOptions extends CollectOptions, VerifyOptions {
  /** The checks to run (default: all of them). */
  readonly checks?: readonly VerifyCheck[];
  /** Failures below this severity are warnings (default `low`: only informational checks never fail). */
  readonly failOn?: Severity;
}

/**
 * `drydock verify`: proves a built image meets the guide without running it. One pass over the
 * image collects what every check declared; the checks then run (the network-bound ones — the
 * upgradable list and the vulnerability gate — concurrently), each turned into a checklist line.
 * A check that throws is an error result (exit 2), never a silent pass.
 */
export async function verifyImage(target: string, options: VerifyImageOptions = {}): Promise<VerifyReport> {
  const checks = [...(options.checks ?? CHECKS)].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const failOn = options.failOn ?? DEFAULT_FAIL_ON;
  const image = await collectImage(target, checks, options);
  const steps = new Map(
    image.layers.flatMap((l) => (l.steps.length > 0 ? [[l.digest, describeSteps(l.steps)] as const] : [])),
  );
  const context: CheckContext = {
    target: image.sbom.target,
    config: image.config,
    layers: image.layers,
    distro: image.sbom.distro,
    packages: image.sbom.packages,
    sbom: image.sbom,
    entries: image.entries,
    files: image.files,
    layerFiles: image.layerFiles,
    candidatesSkipped: image.candidatesSkipped,
    options,
    resolve: resolverOf(image.entries),
    stepOf: (layer) => (layer ? steps.get(layer) : undefined),
  };
  const results: CheckResult[] = await Promise.all(
    checks.map(async (check) => {
      const started = Date.now();
      try {
        // A synchronous check is timed before yielding, so its time is its own, not its neighbours'.
        const outcome = check.check(context);
        const value = outcome instanceof Promise ? await outcome : outcome;
        return toResult(check.meta, value, failOn, Date.now() - started);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        return toResult(check.meta, error, failOn, Date.now() - started);
      }
    }),
  );
  const os = image.sbom.packages.filter((p) => p.type === 'deb' || p.type === 'apk' || p.type === 'rpm').length;
  return {
    schemaVersion: 1,
    tool: { name: 'drydock', version: VERSION },
    target: image.sbom.target,
    source: image.sbom.source.kind
      ? {
          kind: image.sbom.source.kind,
          ...(image.sbom.source.indexDigest ? { indexDigest: image.sbom.source.indexDigest } : {}),
          ...(image.sbom.source.manifestDigest ? { manifestDigest: image.sbom.source.manifestDigest } : {}),
          ...(image.sbom.source.configDigest ? { configDigest: image.sbom.source.configDigest } : {}),
          ...(image.sbom.source.platform ? { platform: image.sbom.source.platform } : {}),
        }
      : { kind: 'unknown' },
    ...(image.sbom.distro ? { distro: image.sbom.distro } : {}),
    generatedAt: reportTimestamp(),
    image: {
      user: describeUser(contextUser(context)),
      layers: image.layers,
      packages: { os, language: image.sbom.packages.length - os },
    },
    failOn,
    results,
    verdict: verdictOf(results),
    warnings: image.warnings.map((w) => ({ ...(w.path ? { path: w.path } : {}), message: w.message })),
  };
}

/** One step as it is; a squashed layer's steps as `3 squashed steps: apt-get update; …`. */
function describeSteps(steps: readonly string[]): string {
  if (steps.length === 1) return steps[0] ?? '';
  return `${steps.length} squashed steps: ${steps.map((s) => buildStep(s)).join('; ')}`;
}
