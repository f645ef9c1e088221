import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { errorMessage } from '../../core/errors.js';
import { entriesFromTrackerList, entryFromVulnListJson } from './debian-tracker-entry.js';
import type { DebianTrackerLists } from './debian-tracker-lists.js';
import type { ImportTally } from './tally.js';

export const VULN_LIST_DEBIAN_SOURCE = 'vuln-list-debian';
export const TRACKER_LIST_SOURCE = 'debian-tracker-list';

/**
 * Reads a vuln-list-debian tree (`tracker/CVE/…/CVE-*.json`, `tracker/DSA/*.json`, `tracker/DLA/*.json`,
 * `distributions.json`) into `lists`. The `source/` and `updates-source/` package indexes in that tree
 * are not advisories and are passed over.
 */
export function importVulnListDebian(dir: string, tally: ImportTally, lists: DebianTrackerLists): void {
  const files = statSync(dir).isDirectory()
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.json'))
        .map((e) => join(e.parentPath, e.name))
        .sort()
    : [dir];
  for (const file of files) {
    const parts = relative(dir, file).split(/[\\/]/);
    if (parts.includes('source') || parts.includes('updates-source')) continue;
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      tally.read++;
      tally.skip(file, `not valid JSON: ${errorMessage(err)}`);
      continue;
    }
    if (basename(file) === 'distributions.json') {
      lists.addCodenames(codenames(value));
      continue;
    }
    const entry = entryFromVulnListJson(value);
    if (entry) lists.add(entry, VULN_LIST_DEBIAN_SOURCE, tally);
    else {
      tally.read++;
      tally.skip(file, 'not a vuln-list-debian entry (no Header.ID)');
    }
  }
}

/** Reads one of the tracker's text lists (`data/DSA/list`, `data/DLA/list`, `data/CVE/list`) into `lists`. */
export function importTrackerListFile(path: string, tally: ImportTally, lists: DebianTrackerLists): void {
  const { entries, problems } = entriesFromTrackerList(readFileSync(path, 'utf8'));
  for (const problem of problems) tally.warn(path, problem);
  for (const entry of entries) lists.add(entry, TRACKER_LIST_SOURCE, tally);
}

/** `{"bookworm": {"major-version": "12", …}}` → bookworm → 12. */
function codenames(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof value !== 'object' || value === null) return map;
  for (const [name, info] of Object.entries(value)) {
    const major = (info as Record<string, unknown> | null)?.['major-version'];
    if (typeof major === 'string' && /^\d+$/.test(major)) map.set(name, major);
  }
  return map;
}
