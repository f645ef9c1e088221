import type { FileEntry } from '../sources/types.js';
import { buildStep, type CheckContext, type CheckOutcome, fileFinding, formatBytes, listSome } from './check.js';

/**
 * Files a build leaves behind that the running application never reads: one matcher per kind,
 * reported grouped by directory (`var/cache/apt/archives: 42 files, 31 MB`) so one finding names
 * one `rm -rf` to add.
 */
export interface LeftoverGroup {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
  /** The layer that last wrote the biggest file of the group. */
  readonly layer?: string;
}

/**
 * Groups the regular files `match` accepts by the directory `groupOf` gives; the largest first.
 * Lock files and empty `partial/` directories are what apt itself keeps: `match` excludes them.
 */
export function leftoverGroups(
  entries: Iterable<FileEntry>,
  match: (entry: FileEntry) => boolean,
  groupOf: (entry: FileEntry) => string,
): LeftoverGroup[] {
  const groups = new Map<string, { files: number; bytes: number; biggest?: FileEntry }>();
  for (const e of entries) {
    if ((e.type !== 'file' && e.type !== 'hardlink' && e.type !== 'symlink') || !match(e)) continue;
    const dir = groupOf(e);
    const g = groups.get(dir) ?? { files: 0, bytes: 0 };
    g.files++;
    g.bytes += e.size;
    if (!g.biggest || e.size > g.biggest.size) g.biggest = e;
    groups.set(dir, g);
  }
  return [...groups.entries()]
    .map(([dir, g]) => ({
      dir,
      files: g.files,
      bytes: g.bytes,
      ...(g.biggest?.layer ? { layer: g.biggest.layer } : {}),
    }))
    .sort((a, b) => b.bytes - a.bytes || a.dir.localeCompare(b.dir));
}

/** The outcome of a leftover check: pass with what was looked at, or fail naming each directory. */
export function leftoverOutcome(context: CheckContext, groups: readonly LeftoverGroup[], clean: string): CheckOutcome {
  if (groups.length === 0) return { status: 'pass', evidence: clean };
  const files = groups.reduce((n, g) => n + g.files, 0);
  const bytes = groups.reduce((n, g) => n + g.bytes, 0);
  const findings = groups.map((g) => {
    const step = context.stepOf(g.layer);
    return fileFinding(
      `/${g.dir}: ${g.files} file${g.files === 1 ? '' : 's'}, ${formatBytes(g.bytes)}${step ? ` (left by: ${buildStep(step)})` : ''}`,
      { path: g.dir, ...(g.layer ? { layer: g.layer } : {}) },
    );
  });
  return {
    status: 'fail',
    evidence: `${files} file${files === 1 ? '' : 's'}, ${formatBytes(bytes)} in ${listSome(
      groups.map((g) => `/${g.dir}`),
      4,
    )}`,
    findings,
    data: { groups },
  };
}

/** First `depth` components of a path: the directory to clean. */
export function prefixDir(path: string, depth: number): string {
  return path.split('/').slice(0, depth).join('/');
}
