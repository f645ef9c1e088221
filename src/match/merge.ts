import type { Advisory, VersionComparer } from '../vulndb/types.js';
import type { Affection } from './affected.js';

export interface Hit {
  readonly advisory: Advisory;
  readonly affection: Affection;
}

/** One vulnerability in one package: its id, the other ids it goes by, the advisories behind it. */
export interface HitGroup {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly hits: readonly Hit[];
}

const isCve = (id: string) => id.startsWith('CVE-');

/**
 * Advisories that share any id (own id or alias) describe one vulnerability: PYSEC-2023-62 and
 * GHSA-m2qf-hxjv-5gpq both alias CVE-2023-30861; a CVE entry and a DSA listing only it are one problem.
 * A bundle (an advisory naming several CVEs: DSA-5611-1 fixes CVE-2023-6246, -6779 and -6780) must not
 * glue distinct CVEs into one finding: it joins each of its CVEs' groups instead, creating the ones no
 * other advisory opened, and lends them its own non-CVE id as an alias.
 */
export function groupByAlias(hits: readonly Hit[]): HitGroup[] {
  const cvesOf = (h: Hit) => [...new Set([h.advisory.id, ...h.advisory.aliases].filter(isCve))];
  const singles = hits.filter((h) => cvesOf(h).length < 2);
  const bundles = hits.filter((h) => cvesOf(h).length >= 2);

  // Union-find over the singles' identifiers; groups in first-seen order.
  const parent = singles.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  const owner = new Map<string, number>();
  singles.forEach((hit, i) => {
    for (const id of [hit.advisory.id, ...hit.advisory.aliases]) {
      const seen = owner.get(id);
      if (seen === undefined) owner.set(id, i);
      else parent[find(i)] = find(seen);
    }
  });
  const byRoot = new Map<number, { hits: Hit[]; ids: Set<string> }>();
  singles.forEach((hit, i) => {
    const root = find(i);
    const group = byRoot.get(root) ?? { hits: [], ids: new Set<string>() };
    group.hits.push(hit);
    for (const id of [hit.advisory.id, ...hit.advisory.aliases]) group.ids.add(id);
    byRoot.set(root, group);
  });
  const groups = [...byRoot.values()].map((g) => ({ id: primaryId([...g.ids]), hits: g.hits, ids: g.ids }));
  for (const bundle of bundles) {
    for (const cve of cvesOf(bundle)) {
      let group = groups.find((g) => g.ids.has(cve));
      if (!group) {
        group = { id: cve, hits: [], ids: new Set([cve]) };
        groups.push(group);
      }
      group.hits.push(bundle);
      group.ids.add(bundle.advisory.id);
      for (const alias of bundle.advisory.aliases) if (!isCve(alias)) group.ids.add(alias);
    }
  }
  return groups.map((g) => ({ id: g.id, aliases: [...g.ids].filter((x) => x !== g.id).sort(), hits: g.hits }));
}

/** The finding's id: a CVE when any advisory names one (what people search for), else GHSA, else the first id. */
export function primaryId(ids: readonly string[]): string {
  const sorted = [...new Set(ids)].sort();
  return sorted.find(isCve) ?? sorted.find((id) => id.startsWith('GHSA-')) ?? sorted[0] ?? '';
}

/**
 * The merged fix: upgrading past the highest per-advisory fix clears every advisory that has one.
 * Status: `fixed` when any advisory knows a fix, else `wont-fix` when a tracker said so, else `unfixed`.
 */
export function mergedFix(
  group: readonly Hit[],
  cmp: VersionComparer,
): { status: Affection['status']; fixedVersion?: string; statusReason?: string } {
  const fixes = group.flatMap((h) => (h.affection.fixedBy === undefined ? [] : [h.affection.fixedBy]));
  const highest = fixes.sort((a, b) => cmp.compare(b, a))[0];
  if (highest !== undefined) return { status: 'fixed', fixedVersion: highest };
  const wontFix = group.find((h) => h.affection.status === 'wont-fix');
  const chosen = wontFix ?? group.find((h) => h.advisory.statusReason !== undefined);
  const reason = chosen?.advisory.statusReason;
  return { status: wontFix ? 'wont-fix' : 'unfixed', ...(reason !== undefined ? { statusReason: reason } : {}) };
}
