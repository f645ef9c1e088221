import type { Distro, Package, PackageType } from '../catalog/package.js';
import type { GatedFinding, ScanVerdict } from '../policy/budget.js';
import type { Ecosystem, VersionComparer } from '../vulndb/types.js';
import { comparerFor } from '../vulndb/version/index.js';
import type { FindingPackage } from './finding.js';

/** One line of advice: the upgrade of one package that resolves the most findings. */
export interface UpgradeAdvice {
  readonly package: FindingPackage;
  /** The highest fixed version among the package's fixed findings: upgrading to it resolves all of them. */
  readonly to: string;
  readonly fixes: number;
  /** Findings in this package that no upgrade resolves yet. */
  readonly remaining: number;
  readonly ids: readonly string[];
}

/** What the vulnerability database looked like, so a report says how fresh its verdict is. */
export interface ScanDbInfo {
  readonly schemaVersion?: number;
  readonly builtAt?: string;
  readonly sources: readonly { readonly name: string; readonly updatedAt?: string; readonly records?: number }[];
}

/** Everything scan reporters render; they are pure functions of it. */
export interface ScanReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly target: string;
  readonly source?: {
    readonly kind: string;
    readonly manifestDigest?: string;
    readonly indexDigest?: string;
    readonly configDigest?: string;
  };
  readonly distro?: Distro;
  readonly generatedAt: string;
  readonly packages: readonly Package[];
  /** Shown findings (after `--only-fixed`), each with its suppression if any: the verdict's list. */
  readonly findings: readonly GatedFinding[];
  readonly upgrades: readonly UpgradeAdvice[];
  readonly verdict: ScanVerdict;
  readonly db?: ScanDbInfo;
  readonly errors: readonly { readonly path?: string; readonly message: string }[];
}

export interface ScanReportInput {
  readonly tool: ScanReport['tool'];
  readonly target: string;
  readonly source?: ScanReport['source'];
  readonly distro?: Distro;
  readonly packages: readonly Package[];
  readonly verdict: ScanVerdict;
  readonly db?: ScanDbInfo;
  readonly errors?: ScanReport['errors'];
  /** Defaults to `SOURCE_DATE_EPOCH` when set (reproducible output), else now. */
  readonly generatedAt?: string;
  readonly comparerFor?: (ecosystem: Ecosystem) => VersionComparer;
}

const ECOSYSTEM: Record<PackageType, Ecosystem> = { deb: 'deb', apk: 'apk', rpm: 'rpm', python: 'pypi', npm: 'npm' };

export function buildScanReport(input: ScanReportInput): ScanReport {
  const findings = input.verdict.findings;
  return {
    tool: input.tool,
    target: input.target,
    ...(input.source ? { source: input.source } : {}),
    ...(input.distro ? { distro: input.distro } : {}),
    generatedAt: input.generatedAt ?? defaultTimestamp(),
    packages: input.packages,
    findings,
    upgrades: upgradeAdvice(findings, input.comparerFor ?? comparerFor),
    verdict: input.verdict,
    ...(input.db ? { db: input.db } : {}),
    errors: input.errors ?? [],
  };
}

function defaultTimestamp(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const ms = epoch && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The same package at the same place is one row: findings group by purl and path. */
export function packageKey(p: FindingPackage): string {
  return `${p.purl}\u0000${p.path ?? ''}`;
}

/**
 * Per package, the upgrade to the highest fixed version among its counted findings (suppressed ones are
 * not a reason to upgrade). Sorted by how many findings it fixes, then name.
 */
export function upgradeAdvice(
  findings: readonly GatedFinding[],
  comparer: (ecosystem: Ecosystem) => VersionComparer,
): UpgradeAdvice[] {
  const byPackage = new Map<string, GatedFinding[]>();
  for (const g of findings) {
    if (g.suppressed) continue;
    const key = packageKey(g.finding.package);
    byPackage.set(key, [...(byPackage.get(key) ?? []), g]);
  }
  const advice: UpgradeAdvice[] = [];
  for (const group of byPackage.values()) {
    const first = group[0]?.finding;
    if (!first) continue;
    const cmp = comparer(ECOSYSTEM[first.package.type]);
    const fixed = group.filter((g) => g.finding.status === 'fixed' && g.finding.fixedVersion !== undefined);
    const versions = fixed.map((g) => g.finding.fixedVersion ?? '').sort((a, b) => cmp.compare(b, a));
    const to = versions[0];
    if (to === undefined) continue;
    advice.push({
      package: first.package,
      to,
      fixes: fixed.length,
      remaining: group.length - fixed.length,
      ids: fixed.map((g) => g.finding.id),
    });
  }
  return advice.sort((a, b) => b.fixes - a.fixes || a.package.name.localeCompare(b.package.name));
}
