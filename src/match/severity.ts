import { compareSeverity } from '../core/severity.js';
import { severityFromCvss } from '../vulndb/severity.js';
import type { Advisory, CvssScore } from '../vulndb/types.js';
import type { FindingSeverity } from './finding.js';

export interface SeverityDecision {
  readonly severity: FindingSeverity;
  readonly source: string;
  readonly score?: number;
  readonly cvss?: CvssScore;
}

/** Ratings computed from a vector by an importer count as CVSS, not as the feed's own judgement. */
function isCvssDerived(source: string | undefined): boolean {
  return source?.toLowerCase().startsWith('cvss') === true;
}

/**
 * The feed's own rating wins (the distro's urgency for OS packages, GHSA/PyPA for language ones: they
 * know how the package is built and used); if several advisories rate it, the highest. Else the highest
 * CVSS base score. The score shown is always the highest CVSS score, whoever decided the severity.
 */
export function decideSeverity(advisories: readonly Advisory[]): SeverityDecision {
  const best = advisories
    .flatMap((a) => a.cvss)
    .reduce<CvssScore | undefined>((max, c) => (max === undefined || c.score > max.score ? c : max), undefined);
  const scored = best ? { score: best.score, cvss: best } : {};
  const rated = (cvss: boolean) =>
    advisories
      .filter((a) => a.severity !== undefined && isCvssDerived(a.severitySource) === cvss)
      .sort((a, b) => compareSeverity(b.severity ?? 'info', a.severity ?? 'info'))[0];
  const own = rated(false);
  if (own?.severity) return { severity: own.severity, source: own.severitySource ?? own.source, ...scored };
  if (best) return { severity: severityFromCvss(best), source: `cvss-v${best.version}`, ...scored };
  const derived = rated(true);
  if (derived?.severity) return { severity: derived.severity, source: derived.severitySource ?? derived.source };
  return { severity: 'unknown', source: 'none' };
}
