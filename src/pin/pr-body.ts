import { formatLocation } from '../core/location.js';
import { ageOf, type LockFile } from './lock-file.js';
import type { PinPlan } from './plan.js';
import { DELTA_SEVERITIES, type VulnDelta } from './vuln-delta.js';

/** One tag that moved: every reference that followed it, from the old digest to the new one. */
export interface ImageMove {
  readonly key: string;
  readonly oldDigest: string;
  readonly digest: string;
  /** `Dockerfile:1:6`, `compose.yaml:4:12` … */
  readonly places: readonly string[];
  /** How long ago the old digest was resolved, from drydock.lock (undefined without a lock entry). */
  readonly age?: string;
}

/** The moves of an update plan, one per (tag, old digest, new digest), in file order. */
export function imageMoves(plan: PinPlan, lock?: LockFile, now: Date = new Date()): ImageMove[] {
  const moves = new Map<string, { key: string; oldDigest: string; digest: string; places: string[]; age?: string }>();
  for (const file of plan.files) {
    for (const o of file.outcomes) {
      if (o.status !== 'updated' || !o.key || !o.oldDigest || !o.digest) continue;
      const id = `${o.key}\u0000${o.oldDigest}\u0000${o.digest}`;
      let m = moves.get(id);
      if (!m) {
        const entry = lock?.images.get(o.key);
        const age = entry && entry.digest === o.oldDigest ? ageOf(entry.resolvedAt, now) : undefined;
        m = { key: o.key, oldDigest: o.oldDigest, digest: o.digest, places: [], ...(age ? { age } : {}) };
        moves.set(id, m);
      }
      m.places.push(formatLocation(o.reference.location));
    }
  }
  return [...moves.values()];
}

/** `sha256:0123456789ab`: enough to tell digests apart in a table. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

/** The pull request title: the tags that moved. */
export function prTitle(moves: readonly ImageMove[]): string {
  const keys = [...new Set(moves.map((m) => m.key))];
  if (keys.length === 0) return 'Base images: digests are current';
  if (keys.length === 1) return `Update ${keys[0]} to its current digest`;
  const shown = keys.slice(0, 3).join(', ');
  return `Update ${keys.length} image digests (${shown}${keys.length > 3 ? ', …' : ''})`;
}

/** The pull request body (Markdown): images, tags, old/new digests, places, and vulnerability counts when scanned. */
export function prBody(
  moves: readonly ImageMove[],
  vulns?: { readonly deltas: readonly VulnDelta[]; readonly errors: readonly string[] },
): string {
  const lines: string[] = [];
  lines.push('## Base image updates', '');
  if (moves.length === 0) {
    lines.push('Every pinned image reference is at the digest its tag points at.', '');
    return `${lines.join('\n')}`;
  }
  lines.push(
    `\`drydock update\` moved ${moves.length} pinned tag${moves.length === 1 ? '' : 's'} to the digest the registry serves now.`,
    'Only these references changed; every other digest in these files is untouched.',
    '',
    '| Image | Tag | Old digest | New digest | Old digest age | Where |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const m of moves) {
    const colon = m.key.lastIndexOf(':');
    const image = m.key.slice(0, colon);
    const tag = m.key.slice(colon + 1);
    lines.push(
      `| ${cell(image)} | ${cell(tag)} | \`${shortDigest(m.oldDigest)}\` | \`${shortDigest(m.digest)}\` | ${m.age ?? 'unknown'} | ${m.places.map(cell).join('<br>')} |`,
    );
  }
  lines.push('');
  if (vulns && (vulns.deltas.length > 0 || vulns.errors.length > 0)) {
    lines.push('### Vulnerabilities, old → new digest', '');
    const shown = DELTA_SEVERITIES.filter(
      (s) => s !== 'unknown' || vulns.deltas.some((d) => (d.before[s] ?? 0) + (d.after[s] ?? 0) > 0),
    );
    lines.push(`| Image | ${shown.map(title).join(' | ')} |`, `| --- | ${shown.map(() => '---').join(' | ')} |`);
    for (const d of vulns.deltas) {
      lines.push(
        `| ${cell(d.key)} | ${shown.map((s) => `${title(s)} ${d.before[s] ?? 0} → ${d.after[s] ?? 0}`).join(' | ')} |`,
      );
    }
    for (const e of vulns.errors) lines.push('', `Not scanned: ${cell(e)}`);
    lines.push('');
  }
  lines.push('<details><summary>Full digests</summary>', '');
  for (const m of moves) lines.push(`- \`${m.key}\`: \`${m.oldDigest}\` → \`${m.digest}\``);
  lines.push('', '</details>', '');
  return lines.join('\n');
}

function title(s: string): string {
  return `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;
}

/** Table cells must not break the table. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
