import { deflateSync } from 'node:zlib';
import { DrydockError } from '../../src/core/errors.js';
import type { Advisory, RangeEvent } from '../../src/vulndb/types.js';
import { comparerFor } from '../../src/vulndb/version/index.js';

/**
 * debsecan's data file (`https://security-tracker.debian.org/tracker/debsecan/release/1/<suite>`),
 * written from drydock's Advisory rows so debsecan can act as an independent matcher over the same
 * records. The format, as /usr/bin/debsecan's `fetch_data` parses it (zlib-compressed text):
 *
 *   VERSION 1
 *   <name>,<ignored>,<description>               one per vulnerability; its 0-based index is its number
 *   (blank line)
 *   <package>,<number>,<flags>,<version>,<other versions>
 *   (blank line)
 *   <source package>,<binary packages>           optional: lets debsecan flag obsolete binaries
 *   (blank line)
 *
 * flags are four characters: `S` source / `B` binary package; urgency ` `/`L`/`M`/`H`; remote
 * `?`/`R`/` `; `F` when the suite has a fix. debsecan calls a package vulnerable when its source
 * version is below `<version>` (or always, when it is empty) and not one of `<other versions>`.
 *
 * The tracker's own generator (security_db.py `calculateDebsecan1`) drops a (vulnerability, package)
 * whose urgency is `unimportant` or `end-of-life` and one that unstable is not affected by; it puts
 * unstable's fix in `<version>` and lists every archive version of the suite at or above the suite's
 * fix in `<other versions>`. drydock keeps no archive version lists, so a suite fix is written as the
 * `<version>` threshold instead: for one suite's file "below the suite's fix" is the same test.
 */

export interface DebsecanOptions {
  /**
   * Also write advisories the tracker rates `unimportant` (default false, like the tracker's feed).
   * With them in, debsecan is asked about every finding drydock can make.
   */
  readonly includeUnimportant?: boolean;
}

/** An advisory (or one of its ranges) that has no line in the file, and why. */
export interface OmittedAdvisory {
  readonly id: string;
  readonly source: string;
  readonly package: string;
  readonly reason: OmitReason;
  readonly detail?: string;
}

export type OmitReason =
  /** The tracker leaves these out of debsecan's feed (see the module comment). */
  | 'not-affected'
  | 'unimportant'
  | 'end-of-life'
  | 'withdrawn'
  /** `fixed` with no version and no range: drydock cannot match it either. */
  | 'fixed-without-version'
  /** debsecan can only say "below V" or "always": no lower bound, no `last_affected`, no version list. */
  | 'unrepresentable';

export interface DebsecanData {
  /** The uncompressed text. */
  readonly text: string;
  /** zlib-compressed text: what debsecan downloads from `<source>/<suite>`. */
  readonly bytes: Buffer;
  /** Lines of the package section (one per advisory, vulnerability name and range). */
  readonly entries: number;
  readonly vulnerabilities: number;
  readonly omitted: readonly OmittedAdvisory[];
}

interface Entry {
  readonly package: string;
  readonly name: string;
  readonly flags: string;
  readonly below: string;
}

const deb = comparerFor('deb');

/** Advisory rows of one Debian namespace (`debian:12`) → debsecan's file for that suite. */
export function toDebsecanData(advisories: readonly Advisory[], options: DebsecanOptions = {}): DebsecanData {
  const namespaces = new Set(advisories.map((a) => a.namespace));
  if (namespaces.size > 1) {
    throw new DrydockError('input', `a debsecan file is one suite, got namespaces ${[...namespaces].join(', ')}`);
  }
  const omitted: OmittedAdvisory[] = [];
  const entries: Entry[] = [];
  const descriptions = new Map<string, string>();
  for (const a of advisories) {
    const omit = (reason: OmitReason, detail?: string) =>
      omitted.push({ id: a.id, source: a.source, package: a.package, reason, ...(detail ? { detail } : {}) });
    const skip = skipReason(a, options);
    if (skip) {
      omit(skip);
      continue;
    }
    if (a.versions.length > 0) {
      omit('unrepresentable', `explicit affected versions ${a.versions.join(' ')}`);
      continue;
    }
    const thresholds: string[] = [];
    if (a.ranges.length === 0) {
      // drydock's affects(): no ranges means "every version" while open, "below fixedVersion" when fixed.
      if (a.status !== 'fixed') thresholds.push('');
      else if (a.fixedVersion !== undefined) thresholds.push(a.fixedVersion);
      else omit('fixed-without-version');
    }
    for (const events of a.ranges) {
      const below = threshold(events);
      if (typeof below === 'string') thresholds.push(below);
      else omit('unrepresentable', below.why);
    }
    // debsecan's name for the issue is the CVE; a DSA naming several CVEs is one line per CVE (the
    // tracker's feed holds only CVE-/TEMP- names). An advisory with no CVE keeps its own id.
    const cves = [...new Set([a.id, ...a.aliases].filter((id) => id.startsWith('CVE-')))];
    const names = cves.length > 0 ? cves : [a.id];
    const flags = `S${urgencyFlag(a)}?${a.status === 'fixed' ? 'F' : ' '}`;
    for (const name of names) {
      if (a.title !== undefined && !descriptions.has(name)) descriptions.set(name, oneLine(a.title));
      for (const below of thresholds) entries.push({ package: a.package, name, flags, below });
    }
  }

  const names = [...new Set(entries.map((e) => e.name))].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const lines = ['VERSION 1'];
  for (const name of names) lines.push(`${name},,${descriptions.get(name) ?? ''}`);
  lines.push('');
  for (const e of [...entries].sort((x, y) => x.package.localeCompare(y.package) || x.name.localeCompare(y.name))) {
    for (const field of [e.package, e.below]) {
      if (/[,\s]/.test(field)) throw new DrydockError('input', `"${field}" cannot be written to a debsecan line`);
    }
    lines.push(`${e.package},${index.get(e.name)},${e.flags},${e.below},`);
  }
  lines.push('');
  // No source → binaries section: it needs the archive's Packages lists, and only serves "obsolete".
  lines.push('');
  const text = `${lines.join('\n')}\n`;
  return { text, bytes: deflateSync(text), entries: entries.length, vulnerabilities: names.length, omitted };
}

function skipReason(a: Advisory, options: DebsecanOptions): OmitReason | undefined {
  if (a.withdrawn !== undefined) return 'withdrawn';
  if (a.status === 'not-affected') return 'not-affected';
  if (a.statusReason?.startsWith('end-of-life')) return 'end-of-life';
  if (!options.includeUnimportant && isUnimportant(a)) return 'unimportant';
  return undefined;
}

/** The tracker's `unimportant` urgency, as drydock stores it (severity.ts: unimportant → info). */
export function isUnimportant(a: Advisory): boolean {
  return a.severitySource === 'debian-urgency' && a.severity === 'info';
}

function urgencyFlag(a: Advisory): string {
  if (a.severitySource !== 'debian-urgency') return ' ';
  return a.severity === 'low' ? 'L' : a.severity === 'medium' ? 'M' : a.severity === 'high' ? 'H' : ' ';
}

/** `[{introduced: 0}]` → '' (always), `[{introduced: 0}, {fixed: V}]` → V; anything else has no line. */
function threshold(events: readonly RangeEvent[]): string | { why: string } {
  const introduced = events.filter((e) => e.introduced !== undefined);
  const fixed = events.flatMap((e) => (e.fixed === undefined ? [] : [e.fixed]));
  const text = JSON.stringify(events);
  if (introduced.length !== 1 || introduced[0]?.introduced !== '0') return { why: `range ${text} has a lower bound` };
  if (introduced.length + fixed.length !== events.length || fixed.length > 1) {
    return { why: `range ${text} is not "introduced 0, fixed V"` };
  }
  const below = fixed[0] ?? '';
  // drydock skips a range it cannot order (affected.ts); debsecan would crash on it.
  if (below !== '' && !deb.valid(below)) return { why: `range ${text}: "${below}" is not a dpkg version` };
  return below;
}

/** Descriptions are one line each; commas are fine (the parser splits the first two off). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
