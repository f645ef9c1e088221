import type { FindingSeverity } from '../match/finding.js';
import type { ScanOptions } from '../match/scan-target.js';
import { parseRegistryReference } from '../sources/registry/reference.js';

/** Severities shown in PR bodies, highest first (`unknown` only when non-zero). */
export const DELTA_SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

export type SeverityCounts = Readonly<Partial<Record<FindingSeverity, number>>>;

export interface VulnDelta {
  /** The tag (`python:3.11-slim`). */
  readonly key: string;
  readonly before: SeverityCounts;
  readonly after: SeverityCounts;
}

/**
 * Vulnerability counts of the old and the new digest of each moved tag, by `scanTarget` of
 * `repository@digest` (the same pipeline as `drydock scan`, the same database). A scan that fails is
 * reported as an error string for that tag; the update itself does not depend on it.
 */
export async function vulnDeltas(
  moves: readonly { readonly key: string; readonly oldDigest: string; readonly digest: string }[],
  options: ScanOptions,
): Promise<{ deltas: VulnDelta[]; errors: string[] }> {
  const { scanTarget } = await import('../match/scan-target.js');
  const deltas: VulnDelta[] = [];
  const errors: string[] = [];
  const countsOf = async (key: string, digest: string): Promise<SeverityCounts> => {
    const ref = parseRegistryReference(key);
    const report = await scanTarget(`${ref.registry}/${ref.repository}@${digest}`, options);
    return report.verdict.counts.bySeverity;
  };
  // One at a time: each scan reads a whole image; the registry and the disk are shared.
  for (const m of moves) {
    try {
      const before = await countsOf(m.key, m.oldDigest);
      const after = await countsOf(m.key, m.digest);
      deltas.push({ key: m.key, before, after });
    } catch (err) {
      errors.push(`${m.key}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { deltas, errors };
}

/** `Critical 4 → 0, High 12 → 3`: the severities where either side is non-zero (critical and high always). */
export function formatDelta(delta: VulnDelta): string {
  const parts: string[] = [];
  for (const s of DELTA_SEVERITIES) {
    const before = delta.before[s] ?? 0;
    const after = delta.after[s] ?? 0;
    if (before === 0 && after === 0 && s !== 'critical' && s !== 'high') continue;
    parts.push(`${s[0]?.toUpperCase()}${s.slice(1)} ${before} → ${after}`);
  }
  return parts.join(', ');
}
