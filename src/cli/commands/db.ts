import type { Command } from 'commander';
import { EXIT_ERROR, EXIT_OK } from '../../policy/gate.js';
import { formatBytes } from '../../report/image-inspect.js';

interface DbFlags {
  db?: string;
  fresh?: boolean;
  format?: string;
  maxAge?: string;
}

interface DbUpdateFlags {
  source?: string;
  mirror?: string[];
  alpineBranches?: string;
  db?: string;
}

/** `drydock db import|update|status`: the local vulnerability database (SQLite, in the drydock cache). */
export function registerDb(program: Command, setExit: (code: number) => void): void {
  const db = program.command('db').description('Build and inspect the local vulnerability database');
  db.command('import')
    .description('Import advisory feeds from files or directories (offline / air-gapped)')
    .argument(
      '<paths...>',
      'OSV records (.json/.yaml, a directory or all.zip), Debian tracker JSON, vuln-list-debian, DSA/DLA lists, Alpine secdb',
    )
    .option('--db <file>', 'database file (default: $XDG_CACHE_HOME/drydock/db/drydock.db)')
    .option('--fresh', 'drop every source first, not only the ones these paths provide')
    .addHelpText(
      'after',
      `
The database is built in a temporary file and renamed into place: an interrupted import never leaves
a broken database. Sources not in PATHS are kept, so feeds can be imported one at a time.

Example:
  drydock db import osv/pypi debian/security-tracker.json alpine-secdb/`,
    )
    .action(async (paths: string[], flags: DbFlags) => {
      // SQLite and the importers load only for db commands (start-up of every other command stays small).
      const { importPaths } = await import('../../vulndb/importers/import-paths.js');
      const summary = await importPaths(paths, {
        ...(flags.db ? { dbPath: flags.db } : {}),
        ...(flags.fresh ? { fresh: true } : {}),
      });
      for (const i of summary.imports) {
        process.stdout.write(`${i.path}: ${i.format}, ${i.read} read, ${i.imported} imported, ${i.skipped} skipped\n`);
        for (const w of i.warnings.slice(0, 20)) process.stderr.write(`drydock: warning: ${w.file}: ${w.reason}\n`);
        if (i.warnings.length > 20)
          process.stderr.write(`drydock: warning: … ${i.warnings.length - 20} more warnings in ${i.path}\n`);
      }
      process.stdout.write(`${summary.dbPath} built in ${(summary.elapsedMs / 1000).toFixed(2)} s\n`);
      setExit(EXIT_OK);
    });
  db.command('update')
    .description('Download the official advisory feeds and import the ones that changed')
    .option(
      '--source <feeds>',
      `comma-separated feeds (default: all): osv:Debian,osv:PyPI,osv:npm,debian-tracker,alpine-secdb`,
    )
    .option(
      '--mirror <name=url>',
      'base URL for a feed or host group (osv, debian-tracker, alpine-secdb); repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--alpine-branches <list>', 'Alpine secdb branches, e.g. 3.19,3.20,edge (default: 3.12-3.22)')
    .option('--db <file>', 'database file (default: $XDG_CACHE_HOME/drydock/db/drydock.db)')
    .addHelpText(
      'after',
      `
Feeds are kept in the drydock cache (feeds/<name>/) and fetched with conditional requests: a feed
that did not change costs one request and is not re-imported. An interrupted download resumes where it
stopped. A feed that fails (network, HTTP error, unusable file) keeps its previous rows; the other
feeds still update, and the exit code is 2.

Default sources:
  osv:<Ecosystem>   https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip
  debian-tracker    https://security-tracker.debian.org/tracker/data/json
  alpine-secdb      https://secdb.alpinelinux.org/v3.<n>/{main,community}.json
Each base URL can be replaced with --mirror NAME=URL or DRYDOCK_FEED_<NAME> (e.g. DRYDOCK_FEED_OSV,
DRYDOCK_FEED_OSV_PYPI, DRYDOCK_FEED_DEBIAN_TRACKER); DRYDOCK_ALPINE_BRANCHES sets the branches.

Example:
  drydock db update --source osv:PyPI,debian-tracker`,
    )
    .action(async (flags: DbUpdateFlags) => {
      const { updateFeeds } = await import('../../vulndb/update/update.js');
      const { parseAlpineBranches, parseFeedNames, parseMirrors } = await import('../../vulndb/update/feeds.js');
      const summary = await updateFeeds({
        ...(flags.source !== undefined && { sources: parseFeedNames(flags.source) }),
        mirrors: parseMirrors(flags.mirror ?? []),
        ...(flags.alpineBranches !== undefined && { alpineBranches: parseAlpineBranches(flags.alpineBranches) }),
        ...(flags.db !== undefined && { dbPath: flags.db }),
      });
      let failed = false;
      for (const feed of summary.feeds) {
        const name = feed.name.padEnd(15);
        if (feed.outcome === 'failed') {
          failed = true;
          process.stdout.write(`${name} failed (previous data kept)\n`);
          if (feed.error) process.stderr.write(`drydock: ${feed.error.toLine()}\n`);
          continue;
        }
        const fetched = feed.files.filter((f) => f.status === 'downloaded');
        const bytes = fetched.reduce((n, f) => n + f.bytes, 0);
        const resumed = fetched.some((f) => f.resumedFrom !== undefined) ? ', resumed' : '';
        const how = fetched.length === 0 ? 'not modified' : `downloaded ${formatBytes(bytes)}${resumed}`;
        if (feed.outcome === 'unchanged') {
          process.stdout.write(`${name} ${how}, kept\n`);
          continue;
        }
        const sum = (key: 'read' | 'imported' | 'skipped') => feed.imports.reduce((n, i) => n + i[key], 0);
        process.stdout.write(
          `${name} ${how}, ${sum('read')} read, ${sum('imported')} imported, ${sum('skipped')} skipped\n`,
        );
      }
      if (summary.built) {
        process.stdout.write(`${summary.dbPath} built in ${(summary.elapsedMs / 1000).toFixed(2)} s\n`);
      }
      setExit(failed ? EXIT_ERROR : EXIT_OK);
    });
  db.command('status')
    .description('Sources, record counts and age; warns when the data is older than --max-age')
    .option('--db <file>', 'database file (default: $XDG_CACHE_HOME/drydock/db/drydock.db)')
    .option('--max-age <hours>', 'warn when a source is older than this', '24')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (flags: DbFlags) => {
      const { VulnDb } = await import('../../vulndb/db.js');
      const vdb = VulnDb.open(flags.db);
      const status = vdb.status();
      vdb.close();
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      } else {
        process.stdout.write(`${status.path} (schema ${status.schemaVersion}, ${formatBytes(status.sizeBytes)})\n`);
        process.stdout.write(`${status.advisories} advisories, ${status.aliases} aliases\n`);
        for (const s of status.sources) {
          process.stdout.write(
            `  ${s.name.padEnd(20)} ${String(s.advisories).padStart(7)}  updated ${s.updated}  (${hours(s.ageMs)} ago)\n`,
          );
        }
      }
      const maxAgeMs = Number(flags.maxAge ?? '24') * 3_600_000;
      if (status.ageMs !== undefined && status.ageMs > maxAgeMs) {
        process.stderr.write(
          `drydock: warning: the database is ${hours(status.ageMs)} old (over ${flags.maxAge} h): import fresh feeds\n`,
        );
      }
      setExit(EXIT_OK);
    });
}

function hours(ms: number | undefined): string {
  if (ms === undefined) return '?';
  const h = ms / 3_600_000;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
}
