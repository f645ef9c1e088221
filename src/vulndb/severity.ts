import { lazyModule } from '../core/lazy-module.js';
import type { Severity } from '../core/severity.js';
import type { CvssScore } from './types.js';

/** The calculator's runtime surface we use (its bundle is CommonJS; its `fromVector` is typed `any`). */
interface CvssCalculator {
  fromVector(vector: string): { getVectorName(): string; calculateScores(): { base?: number } } | null;
}

// Loaded on first vector: only imports score vectors, scans read stored scores.
const calculator = lazyModule<CvssCalculator>('ae-cvss-calculator');

const VERSIONS: Readonly<Record<string, CvssScore['version']>> = {
  'CVSS:2.0': '2.0',
  'CVSS:3.0': '3.0',
  'CVSS:3.1': '3.1',
  'CVSS:4.0': '4.0',
};

/**
 * Base score of a CVSS v2, v3.0, v3.1 or v4.0 vector (FIRST's formulas, by ae-cvss-calculator).
 * Undefined for a vector the calculator rejects, so one bad vector costs only its score.
 */
export function scoreCvss(vector: string): CvssScore | undefined {
  let parsed: ReturnType<CvssCalculator['fromVector']>;
  try {
    parsed = calculator().fromVector(vector.trim());
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  const version = VERSIONS[parsed.getVectorName()];
  // Only the base score: an incomplete vector (even "") parses, with base undefined and overall 0.
  const score = parsed.calculateScores().base;
  if (version === undefined || score === undefined || !Number.isFinite(score)) return undefined;
  return { version, vector: vector.trim(), score };
}

/**
 * CVSS qualitative bands (FIRST v3.1 §5, also v4.0); v2 has no "critical" and tops out at high (NVD's
 * v2 bands). A 0.0 score ("none") is info.
 */
export function severityFromCvss(c: CvssScore): Severity {
  const s = c.score;
  if (c.version === '2.0') return s >= 7 ? 'high' : s >= 4 ? 'medium' : s > 0 ? 'low' : 'info';
  return s >= 9 ? 'critical' : s >= 7 ? 'high' : s >= 4 ? 'medium' : s > 0 ? 'low' : 'info';
}

/**
 * A feed's own word for severity: GHSA (`LOW`, `MODERATE`, `HIGH`, `CRITICAL`), Ubuntu and other OSV
 * ecosystem_specific ratings (`negligible`, `low`, `medium`, `high`, `critical`), plain drydock names.
 * `negligible`/`unimportant`/`none` are info: the feed says it is not a real risk.
 */
export function severityFromLabel(label: string): Severity | undefined {
  switch (label.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'moderate':
    case 'medium':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'unimportant':
    case 'none':
    case 'info':
      return 'info';
    default:
      return undefined;
  }
}

/**
 * Debian tracker urgency → severity. `unimportant` → info (the security team judged it no risk in
 * Debian, e.g. only in unbuilt code); `low`/`medium`/`high` as named. A trailing `*` or `**` marks an
 * urgency the tracker took over from NVD's rating, still the tracker's value. `not yet assigned`,
 * `end-of-life` and unknown words carry no rating (undefined: CVSS decides).
 */
export function severityFromDebianUrgency(urgency: string | undefined): Severity | undefined {
  if (urgency === undefined) return undefined;
  const word = urgency.replace(/\*+$/, '').trim().toLowerCase();
  switch (word) {
    case 'unimportant':
      return 'info';
    case 'low':
    case 'medium':
    case 'high':
      return word;
    default:
      return undefined;
  }
}
