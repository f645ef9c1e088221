import { explain } from '@renovatebot/pep440';
import semver from 'semver';
import { affects } from '../match/affected.js';
import type { FindingSeverity } from '../match/finding.js';
import type { AdvisoryLookup } from '../match/matcher.js';
import { groupByAlias, type Hit, mergedFix } from '../match/merge.js';
import { decideSeverity } from '../match/severity.js';
import type { Advisory, VersionComparer } from '../vulndb/types.js';
import { comparerFor } from '../vulndb/version/index.js';
import { satisfiesPep440 } from '../vulndb/version/pep440.js';
import type { DepsEcosystem } from './model.js';

/**
 * Known vulnerabilities of one pinned version, and the upgrade that clears them: the smallest version
 * that no advisory for the package affects, that is above the pin, and that every other constraint on
 * the package still allows. Candidates are the versions the advisories name as fixes (the database
 * knows no release list), so the answer is always a version someone shipped a fix in.
 */

export interface PinVulnerability {
  /** The CVE when any advisory names one, else GHSA, else the advisory id. */
  readonly id: string;
  readonly aliases: readonly string[];
  readonly severity: FindingSeverity;
  readonly severitySource: string;
  /** The upgrade that clears this one vulnerability, when there is one. */
  readonly fixedVersion?: string;
  readonly title?: string;
  readonly advisories: readonly string[];
}

/** A constraint the upgrade must keep satisfying, and where it comes from (for messages). */
export interface VersionConstraint {
  /** PEP 440 specifier sets joined by ` || ` (Poetry alternatives), or a node-semver range. */
  readonly specifier: string;
  readonly from: string;
}

export interface PinAssessment {
  readonly vulnerabilities: readonly PinVulnerability[];
  /** The smallest version clearing every advisory and satisfying every constraint. */
  readonly upgrade?: string;
  /** When no candidate satisfies the constraints: the smallest that clears every advisory regardless. */
  readonly upgradeIgnoringConstraints?: string;
  /** The constraints that rule out `upgradeIgnoringConstraints`. */
  readonly blockedBy?: readonly VersionConstraint[];
}

export function satisfiesConstraint(ecosystem: DepsEcosystem, version: string, constraint: VersionConstraint): boolean {
  if (constraint.specifier.trim() === '') return true;
  if (ecosystem === 'npm') return semver.satisfies(version, constraint.specifier, { includePrerelease: true });
  return constraint.specifier.split(' || ').some((alternative) => {
    try {
      return satisfiesPep440(version, alternative);
    } catch {
      return true; // an unreadable constraint was reported by the parser; it does not veto upgrades
    }
  });
}

function isPrerelease(ecosystem: DepsEcosystem, version: string): boolean {
  if (ecosystem === 'npm') return (semver.prerelease(version)?.length ?? 0) > 0;
  return explain(version)?.is_prerelease === true;
}

export function assessPin(
  ecosystem: DepsEcosystem,
  key: string,
  version: string,
  constraints: readonly VersionConstraint[],
  lookup: AdvisoryLookup,
): PinAssessment | undefined {
  const cmp: VersionComparer = comparerFor(ecosystem);
  if (!cmp.valid(version)) return undefined;
  const advisories = lookup.advisoriesFor(ecosystem, key);
  if (advisories.length === 0) return undefined;
  const hits: Hit[] = [];
  for (const advisory of advisories) {
    const affection = affects(advisory, version, cmp);
    if (affection) hits.push({ advisory, affection });
  }
  if (hits.length === 0) return undefined;
  const vulnerabilities = groupByAlias(hits).map(({ id, aliases, hits: group }): PinVulnerability => {
    const fix = mergedFix(group, cmp);
    const severity = decideSeverity(group.map((h) => h.advisory));
    const title = group.find((h) => h.advisory.title)?.advisory.title;
    return {
      id,
      aliases,
      severity: severity.severity,
      severitySource: severity.source,
      ...(fix.fixedVersion !== undefined ? { fixedVersion: fix.fixedVersion } : {}),
      ...(title !== undefined ? { title } : {}),
      advisories: group.map((h) => h.advisory.id),
    };
  });
  return { vulnerabilities, ...chooseUpgrade(ecosystem, version, advisories, constraints, cmp) };
}

function chooseUpgrade(
  ecosystem: DepsEcosystem,
  version: string,
  advisories: readonly Advisory[],
  constraints: readonly VersionConstraint[],
  cmp: VersionComparer,
): Pick<PinAssessment, 'upgrade' | 'upgradeIgnoringConstraints' | 'blockedBy'> {
  const named = new Set<string>();
  for (const a of advisories) {
    for (const range of a.ranges) for (const e of range) if (e.fixed !== undefined) named.add(e.fixed);
    if (a.fixedVersion !== undefined) named.add(a.fixedVersion);
  }
  // pip and npm skip pre-releases unless asked; so does the upgrade, unless the pin is one already.
  const allowPre = isPrerelease(ecosystem, version);
  const candidates = [...named]
    .filter((v) => cmp.valid(v) && cmp.compare(v, version) > 0 && (allowPre || !isPrerelease(ecosystem, v)))
    .sort((a, b) => cmp.compare(a, b))
    .filter((v) => advisories.every((a) => affects(a, v, cmp) === undefined));
  const upgrade = candidates.find((v) => constraints.every((c) => satisfiesConstraint(ecosystem, v, c)));
  if (upgrade !== undefined) return { upgrade };
  const free = candidates[0];
  if (free === undefined) return {};
  return {
    upgradeIgnoringConstraints: free,
    blockedBy: constraints.filter((c) => !satisfiesConstraint(ecosystem, free, c)),
  };
}
