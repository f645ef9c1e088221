import type { Severity } from '../../core/severity.js';
import type { VersionComparer } from '../types.js';

/**
 * debian/changelog entries (Debian policy §4.4):
 *
 *     pkg (version) suite [suite…]; urgency=high[, key=value…]
 *
 *       * change details
 *
 *      -- Maintainer <email>  Day, dd Mon yyyy hh:mm:ss +zzzz
 *
 * and the part of a changelog an upgrade brings: entries newer than the installed version, up to
 * and including the candidate.
 */

export interface ChangelogEntry {
  readonly package: string;
  readonly version: string;
  readonly distributions: readonly string[];
  /** Lower-cased, its parenthesised comment dropped (`low`, `medium`, `high`, `emergency`, `critical`). */
  readonly urgency?: string;
  /** The change lines between header and trailer. */
  readonly body: string;
  readonly maintainer?: string;
  /** The trailer's date as ISO 8601, when it parses. */
  readonly date?: string;
  /** 1-based line of the header. */
  readonly line: number;
}

const HEADER = /^(\w[-+0-9a-z.]*) \(([^ ()]+)\)((?:\s+[-+0-9a-zA-Z./]+)*)\s*;(.*)$/i;
const TRAILER = /^ -- (.*?) ?<[^>]*>\s+(.*)$/;

/**
 * Every well-formed entry, newest first as written. Lines outside an entry (the "Old Changelog:"
 * tails of some packages, emacs local variables) are skipped rather than failing the parse.
 */
export function parseChangelog(text: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  let current: { header: RegExpExecArray; line: number; body: string[] } | undefined;
  const close = (trailer?: RegExpExecArray) => {
    if (!current) return;
    const [, pkg = '', version = '', dists = '', keywords = ''] = current.header;
    const urgency = /(?:^|,)\s*urgency\s*=\s*([a-z]+)/i.exec(keywords)?.[1]?.toLowerCase();
    const date = trailer?.[2] ? Date.parse(trailer[2]) : Number.NaN;
    entries.push({
      package: pkg,
      version,
      distributions: dists.trim().split(/\s+/).filter(Boolean),
      ...(urgency ? { urgency } : {}),
      body: current.body.join('\n').trim(),
      ...(trailer?.[1] ? { maintainer: trailer[1].trim() } : {}),
      ...(Number.isNaN(date) ? {} : { date: new Date(date).toISOString() }),
      line: current.line,
    });
    current = undefined;
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = line.startsWith(' ') ? null : HEADER.exec(line);
    if (header) {
      close();
      current = { header, line: i + 1, body: [] };
      return;
    }
    if (!current) return;
    const trailer = TRAILER.exec(line);
    if (trailer) {
      close(trailer);
      return;
    }
    current.body.push(line);
  });
  close();
  return entries;
}

/**
 * What upgrading brings: entries with installed < version ≤ candidate, in the source package's
 * version order. Versions the comparer cannot read are left out (they cannot be placed).
 */
export function pendingEntries(
  entries: readonly ChangelogEntry[],
  installed: string,
  candidate: string,
  comparer: VersionComparer,
): ChangelogEntry[] {
  return entries.filter(
    (e) =>
      comparer.valid(e.version) &&
      comparer.compare(e.version, installed) > 0 &&
      comparer.compare(e.version, candidate) <= 0,
  );
}

// GHSA ids use a 27-letter alphabet in three groups of four (GitHub's advisory database docs).
const IDS = /\b(?:CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b/g;

/**
 * Vulnerability ids in order of first mention, without repeats: CVE ids, and GitHub advisory ids,
 * which some maintainers cite when no CVE was assigned (xz-utils 5.4.1-1+deb12u2 does).
 */
export function extractVulnIds(text: string): string[] {
  return [...new Set(text.match(IDS) ?? [])];
}

/**
 * Upload urgency as a severity. The urgency is the maintainer's "how soon should this reach
 * users" (it drives testing migration delays), the closest thing to a rating a changelog has:
 * low → low, medium → medium, high → high, emergency and critical → critical. Anything else
 * (typos, missing) gives no severity rather than a guess.
 */
const URGENCY_SEVERITY: Readonly<Record<string, Severity>> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  emergency: 'critical',
  critical: 'critical',
};

export function urgencySeverity(urgency: string | undefined): Severity | undefined {
  return urgency === undefined ? undefined : URGENCY_SEVERITY[urgency];
}

const URGENCY_ORDER = ['low', 'medium', 'high', 'emergency', 'critical'];

/** The most urgent of the entries' urgencies (unknown words rank lowest). */
export function highestUrgency(entries: readonly ChangelogEntry[]): string | undefined {
  let best: string | undefined;
  for (const e of entries) {
    if (e.urgency === undefined) continue;
    if (best === undefined || URGENCY_ORDER.indexOf(e.urgency) > URGENCY_ORDER.indexOf(best)) best = e.urgency;
  }
  return best;
}
