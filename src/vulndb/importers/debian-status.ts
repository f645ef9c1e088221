import type { FixStatus, RangeEvent } from '../types.js';

/** The drydock form of one tracker verdict for a (CVE, source package, release). */
export interface TrackerVerdict {
  readonly status: FixStatus;
  readonly statusReason?: string;
  readonly fixedVersion?: string;
  readonly ranges: readonly (readonly RangeEvent[])[];
}

const EVERY_VERSION: readonly (readonly RangeEvent[])[] = [[{ introduced: '0' }]];

export function fixedVerdict(version: string): TrackerVerdict {
  // The tracker's "fixed in 0": the release never had a vulnerable version.
  if (version === '0') return { status: 'not-affected', ranges: [] };
  return { status: 'fixed', fixedVersion: version, ranges: [[{ introduced: '0' }, { fixed: version }]] };
}

/**
 * A tracker annotation kind (`data/CVE/list`'s `<no-dsa>`, `<ignored>`…, as vuln-list-debian's `Kind`)
 * → status. Following the tracker's meaning: `<no-dsa>` (minor issue, no security update planned),
 * `<ignored>` and `<end-of-life>` are affected and won't be fixed; `<postponed>` is affected, fix
 * deferred to a later update (unfixed); `<unfixed>` is open. Undefined for kinds that say nothing about
 * the release's packages (`<removed>`, `<itp>`), and for `fixed` without a version.
 */
export function annotationVerdict(kind: string, version?: string, description?: string): TrackerVerdict | undefined {
  const why = (label: string) => (description ? `${label}: ${description}` : label);
  switch (kind) {
    case 'fixed':
      return version === undefined ? undefined : fixedVerdict(version);
    case 'unfixed':
      return { status: 'unfixed', ranges: EVERY_VERSION };
    case 'no-dsa':
      return { status: 'wont-fix', statusReason: description ?? 'no-dsa', ranges: EVERY_VERSION };
    case 'ignored':
      return { status: 'wont-fix', statusReason: why('ignored'), ranges: EVERY_VERSION };
    case 'end-of-life':
      return { status: 'wont-fix', statusReason: why('end-of-life'), ranges: EVERY_VERSION };
    case 'postponed':
      return { status: 'unfixed', statusReason: why('postponed'), ranges: EVERY_VERSION };
    case 'not-affected':
      return { status: 'not-affected', ranges: [], ...(description && { statusReason: description }) };
    default:
      return undefined;
  }
}

/** One release entry of the tracker's JSON (`/tracker/data/json`). */
export interface TrackerJsonRelease {
  readonly status?: string;
  readonly fixed_version?: string;
  readonly urgency?: string;
  readonly nodsa?: string;
  readonly nodsa_reason?: string;
}

/**
 * The tracker JSON's per-release fields → status. `resolved` with a version is fixed (`0`: not
 * affected). `open`/`undetermined`: `urgency: end-of-life` → wont-fix; `nodsa` with `nodsa_reason`
 * `ignored` → wont-fix, `postponed` → unfixed, otherwise (plain `<no-dsa>`) → wont-fix with the nodsa
 * text as reason ("Minor issue"); no nodsa → unfixed.
 */
export function trackerJsonVerdict(r: TrackerJsonRelease): TrackerVerdict | undefined {
  if (r.status === 'resolved') return r.fixed_version ? fixedVerdict(r.fixed_version) : undefined;
  if (r.status !== 'open' && r.status !== 'undetermined') return undefined;
  const nodsa = r.nodsa?.trim() || undefined;
  if (r.urgency === 'end-of-life') return annotationVerdict('end-of-life');
  if (r.nodsa_reason === 'ignored') return annotationVerdict('ignored', undefined, nodsa);
  if (r.nodsa_reason === 'postponed') return annotationVerdict('postponed', undefined, nodsa);
  if (nodsa !== undefined) return annotationVerdict('no-dsa', undefined, nodsa);
  const open = annotationVerdict('unfixed');
  return open && r.status === 'undetermined' ? { ...open, statusReason: 'undetermined' } : open;
}
