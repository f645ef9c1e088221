import pc from 'picocolors';
import { formatLocation } from '../core/location.js';
import type { PinRun, UpdateRun } from './pin-paths.js';
import type { RefOutcome, RefStatus } from './plan.js';
import { shortDigest } from './pr-body.js';

const STATUS_ORDER: readonly RefStatus[] = [
  'pinned',
  'updated',
  'already-pinned',
  'current',
  'unpinned',
  'skipped',
  'failed',
];

/** One line per reference: `Dockerfile:3:6  python:3.11  pinned sha256:… (via ARG BASE (line 1))`. */
export function renderOutcomes(run: PinRun | UpdateRun, options: { color: boolean; verb: 'pin' | 'update' }): string {
  const c = options.color ? pc : pc.createColors(false);
  const lines: string[] = [];
  const counts = new Map<RefStatus, number>();
  for (const file of run.plan.files) {
    for (const o of file.outcomes) {
      counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
      lines.push(`${formatLocation(o.reference.location)}  ${o.reference.image}  ${describe(o, c)}`);
    }
  }
  for (const e of run.fileErrors) lines.push(`${e.path}  ${c.red(`error: ${e.message}`)}`);
  const changed = run.plan.files.filter((f) => f.after !== f.before).length;
  const parts = STATUS_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s.replace('-', ' ')}`);
  const summary =
    parts.length === 0
      ? 'no image references found'
      : `${parts.join(', ')}; ${changed} file${changed === 1 ? '' : 's'} ${run.written.length > 0 ? 'rewritten' : 'to rewrite'}`;
  lines.push('', summary);
  return `${lines.join('\n')}\n`;
}

function describe(o: RefOutcome, c: ReturnType<typeof pc.createColors>): string {
  const via = o.reference.via ? ` (via ${o.reference.via})` : '';
  switch (o.status) {
    case 'pinned':
      return `${c.green('pinned')} ${o.digest ?? ''}${via}`;
    case 'updated':
      return `${c.green('updated')} ${shortDigest(o.oldDigest ?? '')} → ${shortDigest(o.digest ?? '')}${via}`;
    case 'already-pinned':
      return c.dim('already pinned');
    case 'current':
      return c.dim('current');
    case 'unpinned':
      return c.yellow('not pinned (run drydock pin)');
    case 'skipped':
      return `${c.yellow('skipped')}: ${o.reason ?? ''}`;
    case 'failed':
      return `${c.red('failed')}: ${o.reason ?? ''}`;
  }
}

/** `update`'s old→new lines per moved tag, with the age of the old digest when the lock knows it. */
export function renderMoves(run: UpdateRun): string {
  if (run.moves.length === 0) return '';
  const lines = run.moves.map(
    (m) =>
      `${m.key}: ${m.oldDigest} → ${m.digest}${m.age ? ` (old digest resolved ${m.age} ago)` : ''}\n  in ${m.places.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Machine-readable result (`-f json`). */
export function renderJson(run: PinRun | UpdateRun): string {
  const files = run.plan.files.map((f) => ({
    path: f.path,
    kind: f.kind,
    changed: f.after !== f.before,
    references: f.outcomes.map((o) => ({
      line: o.reference.location.line,
      column: o.reference.location.column,
      field: o.reference.field,
      image: o.reference.image,
      status: o.status,
      ...(o.key ? { tag: o.key } : {}),
      ...(o.oldDigest ? { oldDigest: o.oldDigest } : {}),
      ...(o.digest ? { digest: o.digest } : {}),
      ...(o.reference.via ? { via: o.reference.via } : {}),
      ...(o.reason ? { reason: o.reason } : {}),
    })),
  }));
  const extra =
    'moves' in run
      ? {
          moves: run.moves,
          title: run.title,
          ...(run.vulns ? { vulnerabilities: run.vulns } : {}),
        }
      : {};
  return `${JSON.stringify(
    {
      files,
      errors: [
        ...run.plan.errors.map((e) => e.toLine().replace(/^error: /, '')),
        ...run.fileErrors.map((e) => `${e.path}: ${e.message}`),
      ],
      written: run.written,
      ...extra,
    },
    null,
    2,
  )}\n`;
}
