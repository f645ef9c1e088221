import { readFileSync } from 'node:fs';
import { errorMessage } from '../../core/errors.js';
import { severityFromDebianUrgency } from '../severity.js';
import type { Advisory } from '../types.js';
import { debianNamespace } from './debian-release.js';
import { type TrackerJsonRelease, trackerJsonVerdict } from './debian-status.js';
import type { ImportTally } from './tally.js';

export const DEBIAN_TRACKER_SOURCE = 'debian-tracker';

/** Whether parsed JSON has the tracker's shape: package → id → { releases }. */
export function looksLikeTrackerJson(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const cves of Object.values(value)) {
    if (!isObject(cves)) return false;
    for (const entry of Object.values(cves)) return isObject(entry) && 'releases' in entry;
  }
  return false;
}

/**
 * Imports the Debian Security Tracker's JSON (`https://security-tracker.debian.org/tracker/data/json`):
 * `{source package: {CVE/TEMP id: {description, releases: {codename: {status, fixed_version, urgency,
 * nodsa, nodsa_reason}}}}}`. One record per (package, id), one advisory per release with a known
 * codename. Severity is the release's urgency (severity.ts documents the mapping).
 */
export function importTrackerJson(path: string, tally: ImportTally, parsed?: unknown): void {
  let data: unknown = parsed;
  if (data === undefined) {
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      tally.read++;
      tally.skip(path, `not valid JSON: ${errorMessage(err)}`);
      return;
    }
  }
  if (!isObject(data)) {
    tally.read++;
    tally.skip(path, 'not a tracker JSON object');
    return;
  }
  for (const [pkg, cves] of Object.entries(data)) {
    if (!isObject(cves)) {
      tally.read++;
      tally.skip(path, `${pkg}: not an object of issues`);
      continue;
    }
    for (const [id, entry] of Object.entries(cves)) {
      tally.read++;
      if (!isObject(entry)) {
        tally.skip(path, `${pkg}/${id}: not an object`);
        continue;
      }
      // The tracker writes `"releases": []` for an issue with no release data (e.g. a non-Debian package).
      const releases = isObject(entry.releases) ? entry.releases : {};
      const advisories: Advisory[] = [];
      for (const [codename, release] of Object.entries(releases)) {
        const namespace = debianNamespace(codename);
        if (namespace === undefined || !isObject(release)) continue;
        const r = release as TrackerJsonRelease;
        const verdict = trackerJsonVerdict(r);
        if (!verdict) {
          tally.warn(path, `${pkg}/${id}/${codename}: unknown status "${String(r.status)}"`);
          continue;
        }
        const severity = severityFromDebianUrgency(r.urgency);
        const title = typeof entry.description === 'string' ? entry.description : undefined;
        advisories.push({
          id,
          aliases: [],
          source: DEBIAN_TRACKER_SOURCE,
          namespace,
          package: pkg,
          versions: [],
          cvss: [],
          ...verdict,
          ...(severity && { severity, severitySource: 'debian-urgency' }),
          ...(title && { title }),
        });
      }
      tally.record(advisories);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
