import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DrydockError, errorMessage } from '../../core/errors.js';
import { cacheRoot } from '../../sources/blob-cache.js';
import type { RetryPolicy } from '../../sources/registry/retry.js';
import { defaultDbPath, VulnDb } from '../db.js';
import { importPaths, type PathImport } from '../importers/import-paths.js';
import { type Download, downloadFile } from './download.js';
import { FEED_NAMES, type FeedConfig, type FeedName, type FeedPlan, planFeeds } from './feeds.js';
import { verifyFeedFile } from './verify.js';

export interface UpdateOptions extends FeedConfig {
  /** Feeds to update; default all of FEED_NAMES. */
  readonly sources?: readonly FeedName[];
  /** Database to extend; default `$XDG_CACHE_HOME/drydock/db/drydock.db`. */
  readonly dbPath?: string;
  /** Cache root holding `feeds/<name>/`; default `cacheRoot()`. */
  readonly cacheDir?: string;
  readonly retry?: RetryPolicy;
  readonly idleTimeoutMs?: number;
  /** Called as each feed finishes downloading (the CLI prints progress). */
  readonly onFeed?: (feed: FeedDownload) => void;
}

export interface FeedDownload {
  readonly name: FeedName;
  readonly files: readonly Download[];
  /** Why the feed was not downloaded; it is then not imported either. */
  readonly error?: DrydockError;
}

export interface FeedResult extends FeedDownload {
  /**
   * `imported`: new data (or data the database lacked) went in; `unchanged`: every file answered 304 and
   * the database already holds this copy; `failed`: download, check or import failed, the rows in the
   * database are those of the previous update.
   */
  readonly outcome: 'imported' | 'unchanged' | 'failed';
  /** Importer counts per file, when imported. */
  readonly imports: readonly PathImport[];
}

export interface UpdateSummary {
  readonly dbPath: string;
  readonly feeds: readonly FeedResult[];
  /** Whether the database file was rebuilt (false when nothing changed). */
  readonly built: boolean;
  readonly elapsedMs: number;
}

/** Beside the feed files: which downloaded copies went into which database, so a 304 can skip the import. */
interface ImportMark {
  readonly db: string;
  /** File name → `fetchedAt` of the copy imported. */
  readonly files: Record<string, string>;
}

const MARK_FILE = 'imported.json';

/**
 * `drydock db update`: downloads each feed into `feeds/<name>/` of the cache (conditional, resumable,
 * verified), then imports the feeds that changed in one database build; other sources in the database
 * are kept. A feed that failed to download is not imported and keeps its rows; the other feeds still
 * update. Feeds are fetched in parallel (different hosts, and OSV's zips are large).
 */
export async function updateFeeds(options: UpdateOptions = {}): Promise<UpdateSummary> {
  const started = performance.now();
  const dbPath = resolve(options.dbPath ?? defaultDbPath());
  const root = options.cacheDir ?? cacheRoot();
  const plans = planFeeds(options.sources ?? FEED_NAMES, options);
  const downloads = await Promise.all(
    plans.map(async (plan) => {
      const result = await downloadFeed(plan, join(root, 'feeds', plan.dir), options);
      options.onFeed?.(result);
      return { plan, result };
    }),
  );
  const present = sourcesIn(dbPath);
  const pending = downloads.filter(
    ({ plan, result }) => !result.error && needsImport(plan, result.files, present, dbPath, root),
  );
  const imported = await importFeeds(
    pending.map(({ plan, result }) => ({ plan, files: result.files })),
    dbPath,
  );
  for (const { plan, result } of pending) {
    if (!imported.get(plan.name)?.error) markImported(plan, result.files, dbPath, root);
  }
  const feeds = downloads.map(({ plan, result }): FeedResult => {
    if (result.error) return { ...result, outcome: 'failed', imports: [] };
    const done = imported.get(plan.name);
    if (!done) return { ...result, outcome: 'unchanged', imports: [] };
    if (done.error) return { ...result, error: done.error, outcome: 'failed', imports: [] };
    return { ...result, outcome: 'imported', imports: done.imports };
  });
  return { dbPath, feeds, built: [...imported.values()].some((r) => !r.error), elapsedMs: performance.now() - started };
}

/** Every file of the feed, one after another; the first failure fails the feed (a half-updated feed is not imported). */
async function downloadFeed(plan: FeedPlan, dir: string, options: UpdateOptions): Promise<FeedDownload> {
  const files: Download[] = [];
  try {
    for (const file of plan.files) {
      files.push(
        await downloadFile(file.url, join(dir, file.name), {
          what: `feed ${plan.name}`,
          verify: (path) => verifyFeedFile(path, file.kind),
          ...(options.retry && { retry: options.retry }),
          ...(options.idleTimeoutMs !== undefined && { idleTimeoutMs: options.idleTimeoutMs }),
        }),
      );
    }
    return { name: plan.name, files };
  } catch (err) {
    const error =
      err instanceof DrydockError
        ? err
        : new DrydockError('io', `feed ${plan.name}: ${errorMessage(err)}`, { where: dir, cause: err });
    return { name: plan.name, files, error };
  }
}

/**
 * A feed is imported when a file changed, when the database does not hold the source (a new or rebuilt
 * database), or when the cached copies were never imported into this database (an earlier import failed).
 */
function needsImport(
  plan: FeedPlan,
  files: readonly Download[],
  present: ReadonlySet<string>,
  dbPath: string,
  root: string,
): boolean {
  if (files.some((f) => f.status === 'downloaded') || !present.has(plan.name)) return true;
  const mark = readMark(join(root, 'feeds', plan.dir));
  if (mark?.db !== dbPath) return true;
  return plan.files.some((f, i) => mark.files[f.name] !== files[i]?.meta.fetchedAt);
}

/**
 * One build for all changed feeds (one copy of the database, not one per feed). If that build fails,
 * each feed is retried in a build of its own, so one feed's bad data does not hold back the others.
 */
async function importFeeds(
  feeds: readonly { plan: FeedPlan; files: readonly Download[] }[],
  dbPath: string,
): Promise<Map<FeedName, { imports: PathImport[]; error?: DrydockError }>> {
  const results = new Map<FeedName, { imports: PathImport[]; error?: DrydockError }>();
  if (feeds.length === 0) return results;
  try {
    const summary = await importPaths(
      feeds.flatMap((f) => f.files.map((d) => d.path)),
      { dbPath },
    );
    let next = 0;
    for (const f of feeds) {
      results.set(f.plan.name, { imports: summary.imports.slice(next, next + f.files.length) });
      next += f.files.length;
    }
    return results;
  } catch (err) {
    if (feeds.length === 1) {
      const only = feeds[0] as (typeof feeds)[number];
      results.set(only.plan.name, { imports: [], error: importError(only.plan, err) });
      return results;
    }
  }
  for (const f of feeds) {
    try {
      const summary = await importPaths(
        f.files.map((d) => d.path),
        { dbPath },
      );
      results.set(f.plan.name, { imports: [...summary.imports] });
    } catch (err) {
      results.set(f.plan.name, { imports: [], error: importError(f.plan, err) });
    }
  }
  return results;
}

function importError(plan: FeedPlan, err: unknown): DrydockError {
  const reason = err instanceof DrydockError ? err.toLine().replace(/^error: /, '') : errorMessage(err);
  return new DrydockError('input', `feed ${plan.name}: import failed: ${reason}`, { cause: err });
}

/** Source names in the database; none when it is missing or unreadable (the build then starts afresh). */
function sourcesIn(dbPath: string): Set<string> {
  if (!existsSync(dbPath)) return new Set();
  try {
    const db = VulnDb.open(dbPath);
    try {
      return new Set(db.status().sources.map((s) => s.name));
    } finally {
      db.close();
    }
  } catch {
    return new Set();
  }
}

function readMark(dir: string): ImportMark | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MARK_FILE), 'utf8')) as ImportMark;
  } catch {
    return undefined;
  }
}

function markImported(plan: FeedPlan, files: readonly Download[], dbPath: string, root: string): void {
  const dir = join(root, 'feeds', plan.dir);
  const mark: ImportMark = {
    db: dbPath,
    files: Object.fromEntries(plan.files.map((f, i) => [f.name, files[i]?.meta.fetchedAt ?? ''])),
  };
  writeFileSync(join(dir, `${MARK_FILE}.tmp`), JSON.stringify(mark));
  renameSync(join(dir, `${MARK_FILE}.tmp`), join(dir, MARK_FILE));
}
