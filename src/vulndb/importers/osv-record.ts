import type { Severity } from '../../core/severity.js';
import { scoreCvss, severityFromCvss, severityFromDebianUrgency, severityFromLabel } from '../severity.js';
import type { Advisory, CvssScore, RangeEvent } from '../types.js';
import { lowestVersion } from './lowest-version.js';
import { normalizePackageName, osvNamespace } from './osv-ecosystem.js';

/** One OSV record read: its advisories (one per namespace and package), or why it gave none. */
export interface OsvResult {
  readonly advisories: readonly Advisory[];
  /** Set when the record gave no advisory; `malformed` ones become warnings, withdrawn ones do not. */
  readonly skipped?: { readonly reason: string; readonly malformed: boolean };
  /** Problems with parts of a record that was still imported (an affected entry without a package). */
  readonly notes: readonly string[];
}

type Json = Record<string, unknown>;

/** Range types with versions an ecosystem comparer can order; GIT ranges hold commit hashes. */
const VERSION_RANGE_TYPES = new Set(['ECOSYSTEM', 'SEMVER']);
const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/**
 * An OSV record (https://ossf.github.io/osv-schema/) → advisories. Affected entries are grouped by
 * (namespace, normalised package): one row each, with every version range and listed version of that
 * package. Withdrawn records are skipped. Severity: the feed's own rating (affected
 * `ecosystem_specific`/`database_specific` `severity`, Debian `urgency`, record `database_specific.severity`
 * as GHSA writes it, an `Ubuntu` severity entry) wins; else the highest CVSS base score's band.
 */
export function advisoriesFromOsv(record: unknown): OsvResult {
  if (!isObject(record)) return malformed('not an OSV object');
  const id = str(record.id);
  if (id === undefined) return malformed('no "id"');
  const withdrawn = str(record.withdrawn);
  if (withdrawn !== undefined) return { advisories: [], skipped: { reason: 'withdrawn', malformed: false }, notes: [] };
  if (!Array.isArray(record.affected)) return malformed(`${id}: no "affected" list`);

  const notes: string[] = [];
  const cvss: CvssScore[] = [];
  let recordRating: Rating | undefined;
  for (const entry of arr(record.severity)) {
    if (!isObject(entry)) continue;
    const type = str(entry.type) ?? '';
    const score = str(entry.score);
    if (score === undefined) continue;
    if (type.startsWith('CVSS_')) {
      const scored = scoreCvss(score);
      if (scored) cvss.push(scored);
      else notes.push(`${id}: unreadable ${type} vector "${score}"`);
    } else {
      const severity = severityFromLabel(score);
      if (severity) recordRating = { severity, source: type.toLowerCase() };
    }
  }
  const dbSeverity = isObject(record.database_specific) ? str(record.database_specific.severity) : undefined;
  const dbRating = dbSeverity === undefined ? undefined : severityFromLabel(dbSeverity);
  if (dbRating) recordRating = { severity: dbRating, source: idPrefix(id) };

  const groups = new Map<string, Group>();
  for (const [index, affected] of record.affected.entries()) {
    if (!isObject(affected) || !isObject(affected.package)) {
      notes.push(`${id}: affected[${index}] has no package`);
      continue;
    }
    const ecosystem = str(affected.package.ecosystem);
    const name = str(affected.package.name);
    const namespace = ecosystem === undefined ? undefined : osvNamespace(ecosystem);
    if (namespace === undefined || ecosystem === undefined || name === undefined || name.trim() === '') {
      notes.push(`${id}: affected[${index}] has no ecosystem or package name`);
      continue;
    }
    const pkg = normalizePackageName(namespace, name);
    const key = `${namespace}\0${pkg}`;
    let group = groups.get(key);
    if (!group) {
      group = { namespace, pkg, source: `osv:${ecosystem.split(':')[0]}`, ranges: [], versions: new Set() };
      groups.set(key, group);
    }
    for (const range of arr(affected.ranges)) {
      if (!isObject(range) || !VERSION_RANGE_TYPES.has(str(range.type) ?? '')) continue;
      const events = arr(range.events).flatMap(toEvent);
      if (events.length > 0) group.ranges.push(events);
    }
    for (const v of arr(affected.versions)) {
      const version = str(v);
      if (version !== undefined) group.versions.add(version);
    }
    group.rating ??= affectedRating(affected);
  }

  const aliases = [...new Set(arr(record.aliases).flatMap((a) => str(a) ?? []))].filter((a) => a !== id);
  const title = str(record.summary) ?? firstLine(str(record.details));
  const published = str(record.published);
  const modified = str(record.modified);
  const advisories: Advisory[] = [];
  for (const g of groups.values()) {
    if (g.ranges.length === 0 && g.versions.size === 0) {
      notes.push(`${id}: ${g.namespace}/${g.pkg} has no version range or list (only GIT ranges?)`);
      continue;
    }
    const fixes = g.ranges.flatMap((events) => events.flatMap((e) => e.fixed ?? []));
    const rating = g.rating ?? recordRating ?? cvssRating(cvss);
    const fixedVersion = lowestVersion(fixes);
    advisories.push({
      id,
      aliases,
      source: g.source,
      namespace: g.namespace,
      package: g.pkg,
      status: fixes.length > 0 ? 'fixed' : 'unfixed',
      ranges: g.ranges,
      versions: [...g.versions],
      cvss,
      ...(fixedVersion !== undefined && { fixedVersion }),
      ...(rating && { severity: rating.severity, severitySource: rating.source }),
      ...(title !== undefined && { title }),
      ...(published !== undefined && { published }),
      ...(modified !== undefined && { modified }),
    });
  }
  if (advisories.length === 0) {
    return { advisories, skipped: { reason: `${id}: no affected package with versions`, malformed: true }, notes };
  }
  return { advisories, notes };
}

interface Rating {
  readonly severity: Severity;
  readonly source: string;
}

interface Group {
  readonly namespace: string;
  readonly pkg: string;
  readonly source: string;
  readonly ranges: RangeEvent[][];
  readonly versions: Set<string>;
  rating?: Rating | undefined;
}

function affectedRating(affected: Json): Rating | undefined {
  for (const field of ['ecosystem_specific', 'database_specific'] as const) {
    const specific = affected[field];
    if (!isObject(specific)) continue;
    const label = str(specific.severity);
    const severity = label === undefined ? undefined : severityFromLabel(label);
    if (severity) return { severity, source: field };
    // Debian's OSV records carry the tracker's urgency.
    const urgency = severityFromDebianUrgency(str(specific.urgency));
    if (urgency) return { severity: urgency, source: 'debian-urgency' };
  }
  return undefined;
}

/** The highest base score's band; the source names the CVSS version, so the matcher knows it is derived. */
function cvssRating(cvss: readonly CvssScore[]): Rating | undefined {
  const best = cvss.reduce<CvssScore | undefined>((m, c) => (m === undefined || c.score > m.score ? c : m), undefined);
  return best && { severity: severityFromCvss(best), source: `cvss-v${best.version}` };
}

function toEvent(value: unknown): RangeEvent[] {
  if (!isObject(value)) return [];
  for (const key of EVENT_KEYS) {
    const v = str(value[key]);
    if (v !== undefined) return [{ [key]: v }];
  }
  return [];
}

function malformed(reason: string): OsvResult {
  return { advisories: [], skipped: { reason, malformed: true }, notes: [] };
}

/** `GHSA-xxxx` → `ghsa`, `PYSEC-2021-1` → `pysec`: who rated it in `database_specific`. */
function idPrefix(id: string): string {
  return (id.split('-')[0] ?? id).toLowerCase();
}

function firstLine(text: string | undefined): string | undefined {
  const line = text
    ?.split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (line === undefined) return undefined;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Strings, and numbers a YAML or JSON writer left unquoted (a version `2`), as text. */
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
