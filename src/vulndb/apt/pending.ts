import { DrydockError, errorMessage } from '../../core/errors.js';
import type { Advisory, VersionComparer } from '../types.js';
import { comparerFor } from '../version/index.js';
import {
  type ChangelogEntry,
  extractVulnIds,
  highestUrgency,
  parseChangelog,
  pendingEntries,
  urgencySeverity,
} from './changelog.js';
import { type ChangelogFetchOptions, sourceChangelog } from './changelog-fetch.js';
import { type IndexPackage, openPackagesIndex, parsePackagesIndex } from './packages-index.js';
import { fetchRelease, type ReleaseFile } from './release.js';
import type { AptSource } from './sources.js';

/**
 * The apt-native view of "what is vulnerable": the installed packages apt would upgrade from the
 * image's suites (security and updates included), and the CVE ids the changelogs of those
 * upgrades name. It needs no vulnerability database, only the mirror, and it sees exactly the
 * fixes that have shipped.
 */

export interface InstalledDeb {
  readonly name: string;
  /** Binary version as dpkg has it installed. */
  readonly version: string;
  /** dpkg's Architecture (`amd64`, `all`); absent means native or all. */
  readonly arch?: string;
  readonly sourceName?: string;
  /** `Source: x (ver)` when the source version differs from the binary's (binNMUs). */
  readonly sourceVersion?: string;
}

export interface UpgradableDeb {
  readonly name: string;
  readonly arch: string;
  readonly installed: string;
  /** The version apt would install: the highest one in any checked suite. */
  readonly candidate: string;
  /** The suite holding the candidate (a security suite when several hold the same version). */
  readonly suite: string;
  readonly uri: string;
  readonly sourceName: string;
  readonly sourceVersion: string;
  /** CVE (and GHSA) ids in the changelog entries between installed and candidate (empty when not read). */
  readonly ids: readonly string[];
  /** Highest `urgency=` of those entries. */
  readonly urgency?: string;
  /** Versions of the changelog entries the upgrade brings, newest first. */
  readonly entries: readonly string[];
  /** `read`, `skipped` (changelogs off) or why the changelog could not be read. */
  readonly changelog: 'read' | 'skipped' | { readonly error: string };
}

export interface SuiteStatus {
  readonly uri: string;
  readonly suite: string;
  /** The Release file's Date, or absent when the suite is not on the mirror. */
  readonly date?: string;
  readonly found: boolean;
}

export interface PendingUpdates {
  readonly upgradable: UpgradableDeb[];
  /** One per (source package, CVE or GHSA id); see `toAdvisories`. */
  readonly advisories: Advisory[];
  readonly namespace?: string;
  readonly suites: SuiteStatus[];
  readonly warnings: string[];
}

export interface PendingOptions extends ChangelogFetchOptions {
  readonly installed: readonly InstalledDeb[];
  /** From `aptSourcesForImage` (already expanded to -updates/-security). */
  readonly sources: readonly AptSource[];
  /** Native architecture (dpkg --print-architecture of the image). */
  readonly arch: string;
  /** `debian:12`; by default from the Release files' Origin and Version. */
  readonly namespace?: string;
  /** False: only the upgradable list, no .deb downloads. */
  readonly changelogs?: boolean;
  /** Parallel .deb downloads. */
  readonly concurrency?: number;
  readonly comparer?: VersionComparer;
}

interface Candidate {
  readonly pkg: IndexPackage;
  readonly source: AptSource;
}

/** Security first, then updates: among equal versions, the suite that says why it exists. */
function suiteRank(suite: string): number {
  if (suite.endsWith('-security') || suite.endsWith('/updates')) return 2;
  if (suite.endsWith('-updates')) return 1;
  return 0;
}

/** `Origin: Debian` + `Version: 12.11` → `debian:12`; Ubuntu keeps `22.04`; no Version → codename. */
export function namespaceOf(release: ReleaseFile): string | undefined {
  const origin = release.origin?.toLowerCase();
  // Third-party repositories (Docker's, PostgreSQL's) have no namespace of their own in drydock.
  if (origin !== 'debian' && origin !== 'ubuntu') return undefined;
  const version = release.version;
  if (origin === 'ubuntu') return version ? `ubuntu:${/^\d+\.\d+/.exec(version)?.[0] ?? version}` : undefined;
  const major = version ? /^\d+/.exec(version)?.[0] : undefined;
  const codename = release.codename?.replace(/-(security|updates)$/, '');
  if (major) return `${origin}:${major}`;
  return codename ? `${origin}:${codename}` : undefined;
}

const key = (name: string, arch: string) => `${name}:${arch}`;

export async function findPendingUpdates(options: PendingOptions): Promise<PendingUpdates> {
  const comparer = options.comparer ?? comparerFor('deb');
  const warnings: string[] = [];
  const suites: SuiteStatus[] = [];
  const names = new Set(options.installed.map((p) => p.name));
  const sourceNames = new Set(options.installed.map((p) => p.sourceName ?? p.name));
  const archs = new Set([options.arch]);
  for (const p of options.installed) if (p.arch && p.arch !== 'all') archs.add(p.arch);

  const best = new Map<string, Candidate>();
  /** Per uri+suite, every binary of an installed source: doc-dir symlinks point between them. */
  const bySuite = new Map<string, Map<string, IndexPackage>>();
  let namespace = options.namespace;
  const suiteNamespace = new Map<string, string | undefined>();
  for (const source of options.sources) {
    const release = await fetchRelease(source.uri, source.suite, options);
    if (!release) {
      warnings.push(`${source.uri} ${source.suite}: no such suite on the mirror (${source.origin})`);
      suites.push({ uri: source.uri, suite: source.suite, found: false });
      continue;
    }
    suites.push({ uri: source.uri, suite: source.suite, found: true, ...(release.date ? { date: release.date } : {}) });
    namespace ??= namespaceOf(release);
    suiteNamespace.set(`${source.uri} ${source.suite}`, options.namespace ?? namespaceOf(release));
    const suiteMap = new Map<string, IndexPackage>();
    bySuite.set(`${source.uri} ${source.suite}`, suiteMap);
    for (const component of source.components) {
      for (const arch of source.architectures ?? [...archs]) {
        const stream = await openPackagesIndex(source.uri, source.suite, component, arch, release, options);
        if (!stream) continue;
        for await (const pkg of parsePackagesIndex(stream, (p) => names.has(p.name) || sourceNames.has(p.sourceName))) {
          suiteMap.set(pkg.name, pkg);
          if (!names.has(pkg.name) || !comparer.valid(pkg.version)) continue;
          const k = key(pkg.name, pkg.arch);
          const old = best.get(k);
          const order = old ? comparer.compare(pkg.version, old.pkg.version) : 1;
          if (!old || order > 0 || (order === 0 && suiteRank(source.suite) > suiteRank(old.source.suite))) {
            best.set(k, { pkg, source });
          }
        }
      }
    }
  }
  if (options.sources.length > 0 && suites.every((s) => !s.found)) {
    throw new DrydockError('io', 'none of the apt suites exists on the mirror', {
      where: options.sources.map((s) => `${s.uri} ${s.suite}`).join(', '),
    });
  }

  interface Pending {
    readonly installed: InstalledDeb;
    readonly candidate: Candidate;
  }
  const pending: Pending[] = [];
  for (const installed of options.installed) {
    const archOf = installed.arch ?? options.arch;
    const candidate =
      best.get(key(installed.name, archOf)) ?? (installed.arch ? undefined : best.get(key(installed.name, 'all')));
    if (!candidate || !comparer.valid(installed.version)) continue;
    if (comparer.compare(candidate.pkg.version, installed.version) > 0) pending.push({ installed, candidate });
  }

  // One changelog per source upload: every binary of it carries the same one.
  const groups = new Map<string, Pending[]>();
  for (const p of pending) {
    const c = p.candidate;
    const g = `${c.source.uri} ${c.source.suite} ${c.pkg.sourceName} ${c.pkg.sourceVersion}`;
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  const results = new Map<Pending, Omit<UpgradableDeb, keyof BaseFields>>();
  const advisories: Advisory[] = [];
  const work = [...groups.values()].map((group) => async () => {
    const first = group[0];
    if (!first) return;
    const { source, pkg } = first.candidate;
    if (options.changelogs === false) {
      for (const p of group) results.set(p, { ids: [], entries: [], changelog: 'skipped' });
      return;
    }
    // The oldest installed source version of the group: everything after it is news to someone.
    const installedSource = group
      .map((p) => p.installed.sourceVersion ?? p.installed.version)
      .reduce((a, b) => (comparer.compare(a, b) <= 0 ? a : b));
    try {
      const suiteMap = bySuite.get(`${source.uri} ${source.suite}`);
      const changelog = await sourceChangelog(
        source.uri,
        group.map((p) => p.candidate.pkg),
        (name) => {
          const other = suiteMap?.get(name);
          return other && other.sourceName === pkg.sourceName && other.sourceVersion === pkg.sourceVersion
            ? other
            : undefined;
        },
        options,
      );
      if (!changelog) throw new Error('no usr/share/doc/<package>/changelog.Debian.gz in any of its .debs');
      const entries = pendingEntries(parseChangelog(changelog.text), installedSource, pkg.sourceVersion, comparer);
      const ids = extractVulnIds(entries.map((e) => e.body).join('\n'));
      const urgency = highestUrgency(entries);
      for (const p of group) {
        results.set(p, {
          ids,
          ...(urgency ? { urgency } : {}),
          entries: entries.map((e) => e.version),
          changelog: 'read',
        });
      }
      const ns = suiteNamespace.get(`${source.uri} ${source.suite}`) ?? namespace;
      if (ns) advisories.push(...toAdvisories(pkg, entries, ns, comparer));
      else warnings.push(`${pkg.sourceName}: ${source.uri} is not a Debian or Ubuntu archive; no advisories made`);
    } catch (err) {
      const error = errorMessage(err);
      warnings.push(`${pkg.sourceName} ${pkg.sourceVersion}: changelog not read: ${error}`);
      for (const p of group) results.set(p, { ids: [], entries: [], changelog: { error } });
    }
  });
  await runLimited(work, options.concurrency ?? 4);

  const upgradable: UpgradableDeb[] = pending.map((p) => ({
    name: p.installed.name,
    arch: p.candidate.pkg.arch,
    installed: p.installed.version,
    candidate: p.candidate.pkg.version,
    suite: p.candidate.source.suite,
    uri: p.candidate.source.uri,
    sourceName: p.candidate.pkg.sourceName,
    sourceVersion: p.candidate.pkg.sourceVersion,
    ...(results.get(p) ?? { ids: [], entries: [], changelog: 'skipped' as const }),
  }));
  upgradable.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.arch < b.arch ? -1 : 1));
  advisories.sort((a, b) => (a.package + a.id < b.package + b.id ? -1 : 1));
  return { upgradable, advisories, ...(namespace ? { namespace } : {}), suites, warnings };
}

type BaseFields = Pick<
  UpgradableDeb,
  'name' | 'arch' | 'installed' | 'candidate' | 'suite' | 'uri' | 'sourceName' | 'sourceVersion'
>;

/**
 * One advisory per CVE (or GHSA) id per source package. Entries that name no id make no advisory:
 * a changelog line without an id is a bug fix as often as a security fix, and an invented id
 * could never be matched, ignored or VEX'd against other feeds; those upgrades still show in
 * `upgradable` (with their urgency).
 *
 * The range's `fixed` is the entry that names the CVE (the last one, if several do: a follow-up
 * upload completing the fix); `fixedVersion` is the candidate, the version one can install.
 * Severity is the highest urgency of the entries naming the CVE (mapping in changelog.ts).
 */
export function toAdvisories(
  candidate: IndexPackage,
  entries: readonly ChangelogEntry[],
  namespace: string,
  comparer: VersionComparer,
): Advisory[] {
  const byId = new Map<string, ChangelogEntry[]>();
  for (const e of entries) for (const id of extractVulnIds(e.body)) byId.set(id, [...(byId.get(id) ?? []), e]);
  const out: Advisory[] = [];
  for (const [id, named] of byId) {
    const latest = named.reduce((a, b) => (comparer.compare(a.version, b.version) >= 0 ? a : b));
    const earliest = named.reduce((a, b) => (comparer.compare(a.version, b.version) <= 0 ? a : b));
    const severity = urgencySeverity(highestUrgency(named));
    const title = latest.body
      .split('\n')
      .find((l) => l.includes(id))
      ?.trim()
      .replace(/^[*+-]\s*/, '')
      .slice(0, 200);
    out.push({
      id,
      aliases: [],
      source: 'apt-changelog',
      namespace,
      package: candidate.sourceName,
      status: 'fixed',
      ranges: [[{ introduced: '0' }, { fixed: latest.version }]],
      versions: [],
      fixedVersion: candidate.sourceVersion,
      ...(severity ? { severity, severitySource: 'debian-urgency' } : {}),
      cvss: [],
      ...(title ? { title } : {}),
      ...(earliest.date ? { published: earliest.date } : {}),
    });
  }
  return out;
}

/** Runs the tasks with at most `limit` in flight. */
async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}
