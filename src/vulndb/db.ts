import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DrydockError, errorMessage } from '../core/errors.js';
import { isSeverity } from '../core/severity.js';
import { cacheRoot } from '../sources/blob-cache.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import type { Advisory, CvssScore, FixStatus, Namespace, RangeEvent } from './types.js';

const REBUILD_HINT = 'run `drydock db update` (or `drydock db import PATH…` offline) to build it';

/** `$XDG_CACHE_HOME/drydock/db/drydock.db` (`DRYDOCK_CACHE_DIR/db/drydock.db` when set). */
export function defaultDbPath(root: string = cacheRoot()): string {
  return join(root, 'db', 'drydock.db');
}

/** Receives advisories during a build. */
export interface AdvisoryWriter {
  /**
   * Stores one advisory; `origin` is the file or directory it came from (kept per source). Returns false
   * when this build already holds the same (source, namespace, package, id): the first one wins.
   */
  add(advisory: Advisory, origin: string): boolean;
}

export interface BuildOptions {
  /** Start empty instead of keeping the sources this build does not touch. */
  readonly fresh?: boolean;
  /** Clock for `updated` (tests). */
  readonly now?: Date;
}

/**
 * Builds the database at `target`: `importFn` writes into a temporary copy, which replaces the target by
 * rename only after it returned and the data is on disk. An exception (or a killed process) leaves the
 * previous database, or none, never a half-written one. Sources that `importFn` writes replace their old
 * rows; the others are kept (unless `fresh`), so feeds can be imported one at a time.
 */
export async function buildDatabase<T>(
  target: string,
  importFn: (writer: AdvisoryWriter) => Promise<T> | T,
  options: BuildOptions = {},
): Promise<T> {
  mkdirSync(dirname(target), { recursive: true });
  removeAbandonedPartials(target);
  const tmp = `${target}.${process.pid}.${Date.now()}.partial`;
  const keep = !options.fresh && existsSync(target) && hasCurrentSchema(target);
  if (keep) copyFileSync(target, tmp);
  let db: Database.Database | undefined;
  try {
    db = new Database(tmp);
    // A temp file that is thrown away on failure needs no journal and no syncs until the end.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    if (!keep) {
      db.exec(SCHEMA_SQL);
      db.prepare('INSERT INTO metadata (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    }
    const writer = new SqliteWriter(db);
    db.exec('BEGIN');
    const result = await importFn(writer);
    writer.finish((options.now ?? new Date()).toISOString());
    db.exec('COMMIT');
    db.close();
    db = undefined;
    syncFile(tmp);
    renameSync(tmp, target);
    return result;
  } catch (err) {
    db?.close();
    rmSync(tmp, { force: true });
    throw err;
  }
}

interface AdvisoryRow {
  id: string;
  source: string;
  namespace: string;
  package: string;
  status: string;
  status_reason: string | null;
  fixed_version: string | null;
  severity: string | null;
  severity_source: string | null;
  title: string | null;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
  ranges: string;
  versions: string;
  cvss: string;
  aliases: string;
}

const ADVISORY_COLUMNS = `a.id, a.source, a.namespace, a.package, a.status, a.status_reason, a.fixed_version,
  a.severity, a.severity_source, a.title, a.published, a.modified, a.withdrawn, a.ranges, a.versions, a.cvss,
  (SELECT json_group_array(alias) FROM aliases WHERE advisory = a.rowid) AS aliases`;

class SqliteWriter implements AdvisoryWriter {
  private readonly insert: Database.Statement;
  private readonly insertAlias: Database.Statement;
  private readonly dropAliases: Database.Statement;
  private readonly dropAdvisories: Database.Statement;
  /** Sources written by this build, with the paths they came from. */
  private readonly touched = new Map<string, Set<string>>();

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO advisories (id, source, namespace, package, status,
      status_reason, fixed_version, severity, severity_source, title, published, modified, withdrawn, ranges,
      versions, cvss) VALUES (@id, @source, @namespace, @package, @status, @statusReason, @fixedVersion,
      @severity, @severitySource, @title, @published, @modified, @withdrawn, @ranges, @versions, @cvss)`);
    this.insertAlias = db.prepare('INSERT OR IGNORE INTO aliases (advisory, alias) VALUES (?, ?)');
    this.dropAliases = db.prepare(
      'DELETE FROM aliases WHERE advisory IN (SELECT rowid FROM advisories WHERE source = ?)',
    );
    this.dropAdvisories = db.prepare('DELETE FROM advisories WHERE source = ?');
  }

  add(a: Advisory, origin: string): boolean {
    let origins = this.touched.get(a.source);
    if (!origins) {
      // First row of this feed in this build: the feed is re-imported whole, its old rows go.
      this.dropAliases.run(a.source);
      this.dropAdvisories.run(a.source);
      origins = new Set();
      this.touched.set(a.source, origins);
    }
    origins.add(origin);
    const info = this.insert.run({
      id: a.id,
      source: a.source,
      namespace: a.namespace,
      package: a.package,
      status: a.status,
      statusReason: a.statusReason ?? null,
      fixedVersion: a.fixedVersion ?? null,
      severity: a.severity ?? null,
      severitySource: a.severitySource ?? null,
      title: a.title ?? null,
      published: a.published ?? null,
      modified: a.modified ?? null,
      withdrawn: a.withdrawn ?? null,
      ranges: JSON.stringify(a.ranges),
      versions: JSON.stringify(a.versions),
      cvss: JSON.stringify(a.cvss),
    });
    if (info.changes === 0) return false;
    for (const alias of a.aliases) if (alias !== a.id) this.insertAlias.run(info.lastInsertRowid, alias);
    return true;
  }

  finish(updated: string): void {
    const count = this.db.prepare<[string], number>('SELECT COUNT(*) FROM advisories WHERE source = ?').pluck();
    const upsert = this.db.prepare(
      'INSERT OR REPLACE INTO sources (name, updated, origin, advisories) VALUES (?, ?, ?, ?)',
    );
    for (const [source, origins] of this.touched) {
      upsert.run(source, updated, [...origins].join(', '), count.get(source) ?? 0);
    }
    this.db.prepare('INSERT OR REPLACE INTO metadata (key, value) VALUES (?, ?)').run('built_at', updated);
  }
}

export interface SourceStatus {
  readonly name: string;
  /** ISO time of the last import of this feed. */
  readonly updated: string;
  readonly origin: string;
  readonly advisories: number;
  /** Milliseconds since `updated`. */
  readonly ageMs: number;
}

export interface DbStatus {
  readonly path: string;
  readonly schemaVersion: number;
  readonly builtAt: string | undefined;
  readonly sizeBytes: number;
  readonly advisories: number;
  readonly aliases: number;
  readonly sources: readonly SourceStatus[];
  /** Age of the stalest source: what a "database is old" warning should look at. */
  readonly ageMs: number | undefined;
}

/** The database opened read-only for scanning. */
export class VulnDb {
  private readonly byPackage: Database.Statement<[string, string], AdvisoryRow>;
  private readonly byId: Database.Statement<[string, string], AdvisoryRow>;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.byPackage = db.prepare(
      `SELECT ${ADVISORY_COLUMNS} FROM advisories a WHERE a.namespace = ? AND a.package = ? ORDER BY a.id, a.source`,
    );
    this.byId = db.prepare(
      `SELECT ${ADVISORY_COLUMNS} FROM advisories a
       WHERE a.id = ? OR a.rowid IN (SELECT advisory FROM aliases WHERE alias = ?) ORDER BY a.id, a.source`,
    );
  }

  /** Opens `path` read-only; a missing, corrupt or other-version database is a DrydockError naming the fix. */
  static open(path: string = defaultDbPath()): VulnDb {
    if (!existsSync(path)) {
      throw new DrydockError('input', 'no vulnerability database', { where: path, hint: REBUILD_HINT });
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      const version = readSchemaVersion(db);
      if (version !== SCHEMA_VERSION) {
        throw new DrydockError(
          'input',
          `vulnerability database has schema version ${version ?? 'unknown'}, this drydock reads ${SCHEMA_VERSION}`,
          { where: path, hint: REBUILD_HINT },
        );
      }
      return new VulnDb(path, db);
    } catch (err) {
      db?.close();
      if (err instanceof DrydockError) throw err;
      throw new DrydockError('input', `not a usable vulnerability database (${errorMessage(err)})`, {
        where: path,
        hint: REBUILD_HINT,
        cause: err,
      });
    }
  }

  /** Every advisory filed for `pkg` (source package or normalised name) in `namespace`. */
  advisoriesFor(namespace: Namespace, pkg: string): Advisory[] {
    return this.byPackage.all(namespace, pkg).map(toAdvisory);
  }

  /** Advisories with this id or alias, in any namespace. */
  advisoriesById(id: string): Advisory[] {
    return this.byId.all(id, id).map(toAdvisory);
  }

  status(now: Date = new Date()): DbStatus {
    const meta = new Map(
      this.db
        .prepare<[], { key: string; value: string }>('SELECT key, value FROM metadata')
        .all()
        .map((r) => [r.key, r.value]),
    );
    const sources = this.db
      .prepare<[], Omit<SourceStatus, 'ageMs'>>('SELECT name, updated, origin, advisories FROM sources ORDER BY name')
      .all()
      .map((s) => ({ ...s, ageMs: now.getTime() - Date.parse(s.updated) }));
    const count = (table: string) => this.db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get() ?? 0;
    return {
      path: this.path,
      schemaVersion: Number(meta.get('schema_version')),
      builtAt: meta.get('built_at'),
      sizeBytes: statSync(this.path).size,
      advisories: count('advisories'),
      aliases: count('aliases'),
      sources,
      ageMs: sources.length === 0 ? undefined : Math.max(...sources.map((s) => s.ageMs)),
    };
  }

  close(): void {
    this.db.close();
  }
}

function readSchemaVersion(db: Database.Database): number | undefined {
  const value = db.prepare<[], string>("SELECT value FROM metadata WHERE key = 'schema_version'").pluck().get();
  return value === undefined ? undefined : Number(value);
}

/** Whether an existing database can be extended (else the build starts empty and replaces it). */
function hasCurrentSchema(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return readSchemaVersion(db) === SCHEMA_VERSION;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function toAdvisory(r: AdvisoryRow): Advisory {
  const optional = {
    ...(r.status_reason !== null && { statusReason: r.status_reason }),
    ...(r.fixed_version !== null && { fixedVersion: r.fixed_version }),
    ...(r.severity !== null && isSeverity(r.severity) && { severity: r.severity }),
    ...(r.severity_source !== null && { severitySource: r.severity_source }),
    ...(r.title !== null && { title: r.title }),
    ...(r.published !== null && { published: r.published }),
    ...(r.modified !== null && { modified: r.modified }),
    ...(r.withdrawn !== null && { withdrawn: r.withdrawn }),
  };
  return {
    id: r.id,
    aliases: JSON.parse(r.aliases) as string[],
    source: r.source,
    namespace: r.namespace,
    package: r.package,
    status: r.status as FixStatus,
    ranges: JSON.parse(r.ranges) as RangeEvent[][],
    versions: JSON.parse(r.versions) as string[],
    cvss: JSON.parse(r.cvss) as CvssScore[],
    ...optional,
  };
}

/** The data must be on disk before the rename makes it the database. */
function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Temp files of builds whose process died (`<db>.<pid>.<ms>.partial`, pid no longer running). */
function removeAbandonedPartials(target: string): void {
  const prefix = `${basename(target)}.`;
  for (const name of readdirSync(dirname(target))) {
    if (!name.startsWith(prefix) || !name.endsWith('.partial')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      rmSync(join(dirname(target), name), { force: true });
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
