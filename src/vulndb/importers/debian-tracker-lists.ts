import { severityFromDebianUrgency } from '../severity.js';
import type { Advisory } from '../types.js';
import { DEBIAN_UNSTABLE, debianNamespace, debianReleases } from './debian-release.js';
import { annotationVerdict, fixedVerdict, type TrackerVerdict } from './debian-status.js';
import type { TrackerAnnotation, TrackerEntry } from './debian-tracker-entry.js';
import { lowestVersion } from './lowest-version.js';
import type { ImportTally } from './tally.js';

interface Held {
  readonly entry: TrackerEntry;
  readonly source: string;
  readonly tally: ImportTally;
}

interface DsaFix {
  readonly version: string;
  readonly advisory: Held;
}

const ISSUE_ID = /^(?:CVE|TEMP)-/;
const PROPAGATED = 'no release-specific tracker line: as in unstable';

/**
 * Joins the tracker's CVE entries with its DSA/DLA entries, the way the tracker itself reads them, and
 * writes one advisory per (issue, source package, release):
 *
 * 1. a release line in the CVE entry with a fixed version;
 * 2. else a DSA/DLA that lists the CVE and fixes the package in that release (the tracker records the
 *    security-update version there, not in the CVE entry); the DSA id becomes an alias;
 * 3. else the CVE entry's other release line (`<no-dsa>`, `<postponed>`, `<not-affected>`…);
 * 4. else the unstable line, which the tracker applies to every release without a line of its own: a
 *    release is affected below the unstable fix (or entirely, when unstable is `<unfixed>`). Without the
 *    release's package list the importer cannot tell whether that fix is in the release yet, so such rows
 *    are `fixed` at the unstable version with a status reason saying so.
 *
 * DSA/DLA fixes for CVEs not imported still become advisories (CVE id, DSA alias); a DSA without CVE
 * references becomes an advisory under its own id. Entries from several paths meet here, so `flush()`
 * runs once after all of them were added.
 */
/**
 * The unstable line applied to a release without its own line. The range still says which versions
 * are affected (below the unstable fix), but the fix itself is an unstable upload, not one the
 * release has: such rows are `unfixed`, never "upgrade to <a version from another release>".
 */
function propagated(inherited: TrackerVerdict, release: string): TrackerVerdict {
  if (release === 'sid' || inherited.status !== 'fixed' || inherited.fixedVersion === undefined) {
    return { ...inherited, statusReason: inherited.statusReason ?? PROPAGATED };
  }
  return {
    status: 'unfixed',
    statusReason: `fixed in unstable (${inherited.fixedVersion}); ${PROPAGATED}`,
    ranges: inherited.ranges,
  };
}

export class DebianTrackerLists {
  private readonly issues: Held[] = [];
  private readonly advisories: Held[] = [];
  private readonly codenames = new Map<string, string>();

  add(entry: TrackerEntry, source: string, tally: ImportTally): void {
    tally.read++;
    (ISSUE_ID.test(entry.id) ? this.issues : this.advisories).push({ entry, source, tally });
  }

  /** Codename → major version from a vuln-list `distributions.json`, for releases newer than drydock. */
  addCodenames(codenames: ReadonlyMap<string, string>): void {
    for (const [name, major] of codenames) if (major !== '') this.codenames.set(name, major);
  }

  flush(): void {
    const fixes = this.dsaFixes();
    const consumed = new Set<string>();
    const usedAdvisories = new Set<Held>();
    for (const held of this.issues) {
      const rows: Advisory[] = [];
      for (const [pkg, annotations] of groupByPackage(held.entry.annotations)) {
        rows.push(...this.issueRows(held, pkg, annotations, fixes, consumed, usedAdvisories));
      }
      held.tally.record(rows);
    }
    // DSA/DLA fixes for CVEs that were not imported: rows of their own, under the CVE id.
    const orphans = new Map<Held, Advisory[]>();
    for (const [key, fix] of fixes) {
      if (consumed.has(key)) continue;
      const [cve, pkg, release] = key.split('\0') as [string, string, string];
      const row = this.row(fix.advisory, cve, pkg, release, fixedVerdict(fix.version), [fix.advisory.entry.id]);
      if (row) orphans.set(fix.advisory, [...(orphans.get(fix.advisory) ?? []), row]);
    }
    for (const held of this.advisories) {
      const xrefs = held.entry.xrefs.filter((x) => ISSUE_ID.test(x));
      if (xrefs.length === 0) {
        const rows = held.entry.annotations.flatMap((a) => {
          const verdict = a.release && a.kind === 'fixed' && a.version ? fixedVerdict(a.version) : undefined;
          const row = verdict && this.row(held, held.entry.id, a.package, a.release ?? '', verdict, []);
          return row ? [row] : [];
        });
        held.tally.record(rows);
        continue;
      }
      const written = held.tally.write(orphans.get(held) ?? []);
      held.tally.count(written > 0 || usedAdvisories.has(held));
    }
  }

  /** (CVE, package, release) → the lowest DSA/DLA fixed version, with the advisory giving it. */
  private dsaFixes(): Map<string, DsaFix> {
    const fixes = new Map<string, DsaFix>();
    for (const held of this.advisories) {
      for (const a of held.entry.annotations) {
        if (!a.release || a.kind !== 'fixed' || !a.version) continue;
        for (const cve of held.entry.xrefs.filter((x) => ISSUE_ID.test(x))) {
          const key = `${cve}\0${a.package}\0${a.release}`;
          const known = fixes.get(key);
          if (!known || lowestVersion([a.version, known.version]) === a.version) {
            fixes.set(key, { version: a.version, advisory: held });
          }
        }
      }
    }
    return fixes;
  }

  private issueRows(
    held: Held,
    pkg: string,
    annotations: readonly TrackerAnnotation[],
    fixes: ReadonlyMap<string, DsaFix>,
    consumed: Set<string>,
    usedAdvisories: Set<Held>,
  ): Advisory[] {
    const id = held.entry.id;
    const unstable = annotations.find((a) => a.release === undefined);
    const explicit = new Map(annotations.flatMap((a) => (a.release ? [[a.release, a] as const] : [])));
    const releases = new Set<string>(explicit.keys());
    for (const key of fixes.keys()) {
      const [cve, p, release] = key.split('\0');
      if (cve === id && p === pkg && release) releases.add(release);
    }
    const inherited = unstable && annotationVerdict(unstable.kind, unstable.version, unstable.description);
    if (inherited) for (const r of debianReleases(this.codenames)) releases.add(r);

    const rows: Advisory[] = [];
    if (unstable && inherited) {
      const row = this.row(held, id, pkg, 'sid', inherited, [], unstable.severity);
      if (row) rows.push(row);
    }
    for (const release of releases) {
      const line = explicit.get(release);
      const dsaKey = `${id}\0${pkg}\0${release}`;
      const dsa = fixes.get(dsaKey);
      const lineVerdict = line && annotationVerdict(line.kind, line.version, line.description);
      let verdict: TrackerVerdict | undefined;
      let aliases: string[] = [];
      if (lineVerdict?.status === 'fixed') verdict = lineVerdict;
      else if (dsa) {
        verdict = fixedVerdict(dsa.version);
        aliases = [dsa.advisory.entry.id];
        consumed.add(dsaKey);
        usedAdvisories.add(dsa.advisory);
      } else if (lineVerdict) verdict = lineVerdict;
      else if (!line && inherited) verdict = propagated(inherited, release);
      if (!verdict) continue;
      const row = this.row(held, id, pkg, release, verdict, aliases, line?.severity ?? unstable?.severity);
      if (row) rows.push(row);
    }
    return rows;
  }

  private row(
    held: Held,
    id: string,
    pkg: string,
    release: string,
    verdict: TrackerVerdict,
    aliases: string[],
    urgency?: string,
  ): Advisory | undefined {
    const namespace = release === 'sid' ? DEBIAN_UNSTABLE : debianNamespace(release, this.codenames);
    if (namespace === undefined) return undefined;
    const severity = severityFromDebianUrgency(urgency);
    const { title, date } = held.entry;
    return {
      id,
      aliases,
      source: held.source,
      namespace,
      package: pkg,
      versions: [],
      cvss: [],
      ...verdict,
      ...(severity && { severity, severitySource: 'debian-urgency' }),
      ...(title && { title }),
      ...(date && { published: date }),
    };
  }
}

function groupByPackage(annotations: readonly TrackerAnnotation[]): Map<string, TrackerAnnotation[]> {
  const byPackage = new Map<string, TrackerAnnotation[]>();
  for (const a of annotations) {
    const list = byPackage.get(a.package);
    if (list) list.push(a);
    else byPackage.set(a.package, [a]);
  }
  return byPackage;
}
