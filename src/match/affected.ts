import type { Advisory, FixStatus, RangeEvent, VersionComparer } from '../vulndb/types.js';

/** Why an advisory applies to a version, and the version that leaves the matching range. */
export interface Affection {
  readonly via: 'range' | 'versions' | 'status';
  /** The range's next `fixed` event above the version: the upgrade that resolves this advisory. */
  readonly fixedBy?: string;
  /** The advisory's status for this version: `fixed` only when a fix above it is known. */
  readonly status: Exclude<FixStatus, 'not-affected'>;
}

/**
 * Does the advisory apply to `version`? The OSV evaluation (schema.md "Evaluation"): inside any range
 * (events sorted, `introduced` switches on, `fixed` switches off at the fix, `last_affected` after it,
 * `limit` bounds the whole range) or equal to a listed version. Withdrawn and `not-affected` advisories
 * never apply. A range with an event this ecosystem cannot order (a GIT commit hash) is skipped rather
 * than guessed: reading it would turn "introduced 0, fixed <hash>" into "every version".
 */
export function affects(advisory: Advisory, version: string, cmp: VersionComparer): Affection | undefined {
  if (advisory.withdrawn || advisory.status === 'not-affected') return undefined;
  const installedValid = cmp.valid(version);
  const rangesUsable = advisory.ranges.filter((events) => events.every((e) => eventValid(e, cmp)));
  const fixes = rangesUsable.flatMap((events) => events.flatMap((e) => (e.fixed === undefined ? [] : [e.fixed])));
  const nextFix = () => {
    // A range can end at a fix made elsewhere (Debian unstable for a release without its own line):
    // only an advisory that says `fixed` offers an upgrade in this namespace.
    if (!installedValid || advisory.status !== 'fixed') return undefined;
    const above = fixes.filter((f) => cmp.compare(f, version) > 0).sort((a, b) => cmp.compare(a, b));
    if (above[0] !== undefined) return above[0];
    const declared = advisory.fixedVersion;
    return declared !== undefined && cmp.valid(declared) && cmp.compare(declared, version) > 0 ? declared : undefined;
  };
  const result = (via: Affection['via'], fixedBy: string | undefined): Affection => {
    if (fixedBy !== undefined) return { via, fixedBy, status: 'fixed' };
    // A `fixed` advisory whose fix does not cover this version (a `last_affected` range) is unfixed for it.
    return { via, status: advisory.status === 'wont-fix' ? 'wont-fix' : 'unfixed' };
  };

  if (installedValid && rangesUsable.some((events) => inRange(version, events, cmp))) return result('range', nextFix());
  if (advisory.versions.some((listed) => sameVersion(listed, version, cmp))) return result('versions', nextFix());
  if (advisory.ranges.length === 0 && advisory.versions.length === 0) {
    // Tracker rows with no ranges at all: an open issue covers every version; a fix covers those below it.
    if (advisory.status !== 'fixed') return result('status', undefined);
    const fixed = advisory.fixedVersion;
    if (installedValid && fixed !== undefined && cmp.valid(fixed) && cmp.compare(version, fixed) < 0) {
      return result('status', fixed);
    }
  }
  return undefined;
}

function eventValid(e: RangeEvent, cmp: VersionComparer): boolean {
  const v = e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
  if (v === undefined) return false;
  return (e.introduced !== undefined && v === '0') || cmp.valid(v);
}

function eventVersion(e: RangeEvent): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}

/** OSV's IncludedInRanges for one range, with BeforeLimits. */
function inRange(v: string, events: readonly RangeEvent[], cmp: VersionComparer): boolean {
  const limits = events.flatMap((e) => (e.limit === undefined ? [] : [e.limit]));
  if (limits.length > 0 && !limits.some((limit) => cmp.compare(v, limit) < 0)) return false;
  const isZero = (e: RangeEvent) => e.introduced === '0';
  const sorted = events
    .filter((e) => e.limit === undefined)
    .slice()
    .sort((a, b) => {
      if (isZero(a) || isZero(b)) return isZero(a) === isZero(b) ? 0 : isZero(a) ? -1 : 1;
      return cmp.compare(eventVersion(a), eventVersion(b));
    });
  let vulnerable = false;
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      if (isZero(e) || cmp.compare(v, e.introduced) >= 0) vulnerable = true;
    } else if (e.fixed !== undefined) {
      if (cmp.compare(v, e.fixed) >= 0) vulnerable = false;
    } else if (e.last_affected !== undefined) {
      if (cmp.compare(v, e.last_affected) > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

/** Listed versions are equal in the ecosystem's order (PEP 440: `1.0` is `1.0.0`), else as text. */
function sameVersion(listed: string, v: string, cmp: VersionComparer): boolean {
  if (listed === v) return true;
  return cmp.valid(listed) && cmp.valid(v) && cmp.compare(listed, v) === 0;
}
