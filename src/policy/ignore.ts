import { readFileSync } from 'node:fs';
import type * as Yaml from 'yaml';
import { DrydockError, errorMessage } from '../core/errors.js';
import { lazyModule } from '../core/lazy-module.js';
import type { VulnerabilityFinding } from '../match/finding.js';
import type { Notice, Suppressor } from './budget.js';
import { purlMatches } from './vex-purl.js';

const yaml = lazyModule<typeof Yaml>('yaml');

export const IGNORE_FILE = '.drydockignore.yaml';

/**
 * One entry of `.drydockignore.yaml`:
 *
 *     ignore:
 *       - id: CVE-2023-4911
 *         reason: no setuid binaries in this image
 *         expires: 2025-06-30      # optional; from that day (UTC) on the entry no longer applies
 *         package: glibc           # optional; a name, source name or purl (pkg:deb/debian/glibc)
 *
 * A bare list (no `ignore:` key) is accepted too.
 */
export interface IgnoreEntry {
  readonly id: string;
  readonly reason: string;
  readonly expires?: string;
  readonly package?: string;
  /** `file:line:col` of the entry, for messages. */
  readonly where: string;
}

const KEYS = ['id', 'reason', 'expires', 'package'] as const;

/** Reads an ignore file; a missing file is no entries (the file is optional), anything else an error. */
export function readIgnoreFile(path: string): IgnoreEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new DrydockError('io', `cannot read ignore file: ${errorMessage(err)}`, { where: path, cause: err });
  }
  return parseIgnoreFile(text, path);
}

/** Parses and validates; every problem is one config error pointing at file:line:col. */
export function parseIgnoreFile(text: string, path: string): IgnoreEntry[] {
  const Y = yaml();
  const lineCounter = new Y.LineCounter();
  const doc = Y.parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return `${path}:${pos.line}:${pos.col}`;
  };
  const first = doc.errors[0];
  if (first) {
    throw new DrydockError('config', `invalid YAML: ${first.message.split('\n')[0]}`, { where: at(first.pos[0]) });
  }
  let list: unknown = doc.contents;
  if (list === null) return [];
  if (Y.isMap(list)) {
    const unknown = list.items.find((pair) => !(Y.isScalar(pair.key) && pair.key.value === 'ignore'));
    if (unknown) {
      throw new DrydockError('config', 'expected only an `ignore:` list at the top level', {
        where: at(Y.isNode(unknown.key) ? unknown.key.range?.[0] : undefined),
      });
    }
    list = list.get('ignore', true) ?? null;
    if (list === null) return [];
  }
  if (!Y.isSeq(list)) {
    throw new DrydockError('config', '`ignore` must be a list of entries', {
      where: at(Y.isNode(list) ? list.range?.[0] : undefined),
    });
  }
  return list.items.map((item) => {
    const where = at(Y.isNode(item) ? item.range?.[0] : undefined);
    if (!Y.isMap(item))
      throw new DrydockError('config', 'an ignore entry must be a mapping with id and reason', { where });
    const fields: Partial<Record<(typeof KEYS)[number], string>> = {};
    for (const pair of item.items) {
      const key = Y.isScalar(pair.key) ? String(pair.key.value) : '';
      const keyWhere = at(Y.isNode(pair.key) ? pair.key.range?.[0] : undefined);
      if (!(KEYS as readonly string[]).includes(key)) {
        throw new DrydockError('config', `unknown key "${key}" (expected ${KEYS.join(', ')})`, { where: keyWhere });
      }
      const value = Y.isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new DrydockError('config', `"${key}" must be a string`, { where: keyWhere });
      }
      fields[key as (typeof KEYS)[number]] = String(value).trim();
    }
    if (!fields.id) throw new DrydockError('config', 'ignore entry has no id', { where });
    if (!fields.reason) {
      throw new DrydockError('config', `ignore entry for ${fields.id} needs a reason`, {
        where,
        hint: 'say why it is safe to ignore, e.g. reason: "not reachable: no setuid binaries"',
      });
    }
    if (fields.expires !== undefined && expiryTime(fields.expires) === undefined) {
      throw new DrydockError('config', `expires "${fields.expires}" is not a date (YYYY-MM-DD)`, { where });
    }
    return {
      id: fields.id,
      reason: fields.reason,
      ...(fields.expires !== undefined ? { expires: fields.expires } : {}),
      ...(fields.package !== undefined ? { package: fields.package } : {}),
      where,
    };
  });
}

function expiryTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  // A bare date is midnight UTC: the entry stops applying as that day starts.
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isExpired(entry: IgnoreEntry, now: Date): boolean {
  if (entry.expires === undefined) return false;
  const t = expiryTime(entry.expires);
  return t !== undefined && now.getTime() >= t;
}

function entryMatches(entry: IgnoreEntry, f: VulnerabilityFinding): boolean {
  if (entry.id !== f.id && !f.aliases.includes(entry.id)) return false;
  const scope = entry.package;
  if (scope === undefined) return true;
  if (scope.startsWith('pkg:')) return purlMatches(scope, f.package.purl);
  const norm = (s: string) => (f.package.type === 'python' ? s.replace(/[-_.]+/g, '-').toLowerCase() : s);
  return norm(scope) === norm(f.package.name) || (f.package.sourceName !== undefined && scope === f.package.sourceName);
}

/** Live entries suppress; an expired entry that would have matched is a notice and the finding counts again. */
export function ignoreRules(
  entries: readonly IgnoreEntry[],
  now: Date = new Date(),
): { suppressor: Suppressor; notice: Notice } {
  const live = entries.filter((e) => !isExpired(e, now));
  const expired = entries.filter((e) => isExpired(e, now));
  return {
    suppressor: (f) => {
      const entry = live.find((e) => entryMatches(e, f));
      return entry ? { by: 'ignore', reason: entry.reason, where: entry.where } : undefined;
    },
    notice: (f) => {
      if (live.some((e) => entryMatches(e, f))) return undefined;
      const entry = expired.find((e) => entryMatches(e, f));
      return entry
        ? `${f.id} in ${f.package.name}: ignore entry at ${entry.where} expired on ${entry.expires}, counted again`
        : undefined;
    },
  };
}
