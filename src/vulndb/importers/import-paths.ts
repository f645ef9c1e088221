import { buildDatabase, defaultDbPath } from '../db.js';
import { importAlpineSecdb } from './alpine-secdb.js';
import { importTrackerListFile, importVulnListDebian } from './debian-lists-import.js';
import { importTrackerJson } from './debian-tracker-json.js';
import { DebianTrackerLists } from './debian-tracker-lists.js';
import { detectFormat, type ImportFormat } from './detect.js';
import { importOsv } from './osv.js';
import { type ImportCounts, ImportTally } from './tally.js';

export interface PathImport extends ImportCounts {
  readonly path: string;
  readonly format: ImportFormat;
}

export interface ImportSummary {
  readonly dbPath: string;
  readonly imports: readonly PathImport[];
  readonly elapsedMs: number;
}

export interface ImportOptions {
  /** Database to build or extend; default `$XDG_CACHE_HOME/drydock/db/drydock.db`. */
  readonly dbPath?: string;
  /** Drop every source first, not only the ones these paths provide. */
  readonly fresh?: boolean;
}

/**
 * `drydock db import PATH…`: detects each path's format (OSV file/dir/zip, tracker JSON, tracker
 * list, vuln-list-debian tree, Alpine secdb), then imports them all into one atomic build. Detection
 * runs first, so an unknown path fails before the database is touched. Tracker lists and vuln-list
 * trees are joined across paths (a DSA list completes the CVE entries of a vuln-list tree).
 */
export async function importPaths(paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const dbPath = options.dbPath ?? defaultDbPath();
  const planned = paths.map((path) => ({ path, format: detectFormat(path) }));
  const imports = await buildDatabase(
    dbPath,
    async (writer) => {
      const lists = new DebianTrackerLists();
      const tallies: ImportTally[] = [];
      for (const { path, format } of planned) {
        const tally = new ImportTally(writer, path);
        tallies.push(tally);
        switch (format) {
          case 'osv':
            await importOsv(path, tally);
            break;
          case 'debian-tracker-json':
            importTrackerJson(path, tally);
            break;
          case 'vuln-list-debian':
            importVulnListDebian(path, tally, lists);
            break;
          case 'debian-tracker-list':
            importTrackerListFile(path, tally, lists);
            break;
          case 'alpine-secdb':
            importAlpineSecdb(path, tally);
            break;
        }
      }
      lists.flush();
      return planned.map((p, i): PathImport => ({ ...p, ...(tallies[i] as ImportTally).counts() }));
    },
    options.fresh ? { fresh: true } : {},
  );
  return { dbPath, imports, elapsedMs: performance.now() - started };
}
