import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RetryPolicy } from '../../sources/registry/retry.js';
import { VulnDb } from '../db.js';
import { importPaths } from '../importers/import-paths.js';
import { parseStructured } from '../importers/structured-text.js';
import type { ImportCounts } from '../importers/tally.js';
import { FeedServer } from './testdata/feed-server.js';
import { type UpdateOptions, type UpdateSummary, updateFeeds } from './update.js';

const DATA = join(import.meta.dirname, '../../../../shared/data');
const SECDB = join(DATA, 'alpine-secdb/alpine-secdb-json');
const TRACKER = join(DATA, 'debian/samples/vunnel/debian.json');
// A second real tracker-format file, served as "the tracker changed".
const TRACKER_NEXT = join(DATA, 'debian/samples/osv.dev/debian_security_tracker_mock.json');
const ALPINE = ['v3.10/main.json', 'v3.10/community.json', 'v3.11/main.json', 'v3.11/community.json'];
const FAST: RetryPolicy = { tries: 3, baseDelayMs: 20, maxDelayMs: 2000, totalMs: 10_000 };
/** How many PyPA records go into the test all.zip (sorted, first N): enough to be real, quick to import. */
const RECORDS = 600;

/** osv.dev's all.zip holds JSON; the PyPA records are YAML: the same records, converted. */
function makeAllZip(dir: string): string | undefined {
  const src = join(dir, 'records');
  mkdirSync(src);
  const pypi = join(DATA, 'osv/pypi/vulns');
  const files = readdirSync(pypi, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .slice(0, RECORDS);
  for (const f of files) {
    const record = parseStructured(readFileSync(join(pypi, f), 'utf8'), f) as { id: string };
    writeFileSync(join(src, `${record.id}.json`), JSON.stringify(record));
  }
  const zip = join(dir, 'all.zip');
  const made = spawnSync('python3', ['-m', 'zipfile', '-c', zip, src]);
  return made.status === 0 ? zip : undefined;
}

interface Fixture {
  server: FeedServer;
  zip: Buffer;
  zipPath: string;
  /** The zip cut at half: its central directory (at the end) is gone, as after a broken transfer. */
  corrupt: Buffer;
}

function serveAll(f: Fixture, version: string): void {
  f.server.set('/osv/PyPI/all.zip', { body: f.zip, etag: `"zip-${version}"` });
  f.server.set('/tracker/data/json', { body: readFileSync(TRACKER), etag: `"tracker-${version}"` });
  for (const a of ALPINE) {
    f.server.set(`/alpine/${a}`, {
      body: readFileSync(join(SECDB, a)),
      lastModified: 'Mon, 08 Jun 2020 00:00:00 GMT',
      etag: `"${a}-${version}"`,
    });
  }
}

function options(f: Fixture, dir: string): UpdateOptions {
  return {
    sources: ['osv:PyPI', 'debian-tracker', 'alpine-secdb'],
    mirrors: { osv: `${f.server.url}/osv`, 'debian-tracker': `${f.server.url}/tracker` },
    // The alpine host comes from the environment, as a user without --mirror would set it.
    env: { DRYDOCK_FEED_ALPINE_SECDB: `${f.server.url}/alpine` },
    alpineBranches: ['3.10', '3.11'],
    dbPath: join(dir, 'db', 'drydock.db'),
    cacheDir: join(dir, 'cache'),
    retry: FAST,
  };
}

function feed(summary: UpdateSummary, name: string) {
  const found = summary.feeds.find((f) => f.name === name);
  assert.ok(found, `no result for ${name}`);
  return found;
}

function totals(imports: readonly ImportCounts[]): {
  read: number;
  imported: number;
  skipped: number;
  advisories: number;
} {
  const sum = (key: 'read' | 'imported' | 'skipped' | 'advisories') => imports.reduce((n, i) => n + i[key], 0);
  return { read: sum('read'), imported: sum('imported'), skipped: sum('skipped'), advisories: sum('advisories') };
}

function sources(dbPath: string): Map<string, { advisories: number; updated: string }> {
  const db = VulnDb.open(dbPath);
  try {
    return new Map(db.status().sources.map((s) => [s.name, { advisories: s.advisories, updated: s.updated }]));
  } finally {
    db.close();
  }
}

describe('updateFeeds against a local feed host', () => {
  let f: Fixture;
  let dir: string;
  let skip: string | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drydock-update-'));
    const zipPath = makeAllZip(dir);
    const server = await FeedServer.start();
    if (!zipPath) skip = 'python3 (used only to write the test zip) is not available';
    const zip = zipPath ? readFileSync(zipPath) : Buffer.alloc(0);
    f = { server, zip, zipPath: zipPath ?? '', corrupt: zip.subarray(0, Math.floor(zip.length / 2)) };
    serveAll(f, '1');
  });
  after(() => f.server.close());

  it('first update downloads every feed and imports what `db import` of the same files imports', async (t) => {
    if (skip) return t.skip(skip);
    const opts = options(f, join(dir, 'main'));
    const summary = await updateFeeds(opts);
    for (const r of summary.feeds) assert.equal(r.outcome, 'imported', `${r.name}: ${r.error?.message}`);
    assert.equal(summary.built, true);
    // Rule: the same bytes through `db import` give the same records and rows per source.
    const refDb = join(dir, 'ref', 'drydock.db');
    const ref = await importPaths([f.zipPath, TRACKER, ...ALPINE.map((a) => join(SECDB, a))], { dbPath: refDb });
    const refCounts = (from: number, to: number) => totals(ref.imports.slice(from, to));
    const got = (name: string) => totals(feed(summary, name).imports);
    assert.deepEqual(got('osv:PyPI'), refCounts(0, 1));
    assert.equal(got('osv:PyPI').read, RECORDS);
    assert.deepEqual(got('debian-tracker'), refCounts(1, 2));
    assert.deepEqual(got('alpine-secdb'), refCounts(2, 6));
    const mine = sources(summary.dbPath);
    for (const [name, s] of sources(refDb)) assert.equal(mine.get(name)?.advisories, s.advisories, name);
    assert.deepEqual([...mine.keys()].sort(), ['alpine-secdb', 'debian-tracker', 'osv:PyPI']);
  });

  it('second update sends If-None-Match, gets 304 everywhere and imports nothing', async (t) => {
    if (skip) return t.skip(skip);
    const opts = options(f, join(dir, 'main'));
    const before = sources(opts.dbPath as string);
    const mtime = statSync(opts.dbPath as string).mtimeMs;
    const seen = f.server.requests.length;
    const summary = await updateFeeds(opts);
    for (const r of summary.feeds) assert.equal(r.outcome, 'unchanged', r.name);
    assert.equal(summary.built, false);
    const requests = f.server.requests.slice(seen);
    assert.equal(requests.length, 6);
    assert.equal(requests.find((r) => r.path === '/osv/PyPI/all.zip')?.headers['if-none-match'], '"zip-1"');
    assert.equal(requests.find((r) => r.path === '/tracker/data/json')?.headers['if-none-match'], '"tracker-1"');
    for (const r of requests) assert.ok(r.headers['if-none-match'], `${r.path} sent no If-None-Match`);
    assert.deepEqual(sources(opts.dbPath as string), before);
    assert.equal(statSync(opts.dbPath as string).mtimeMs, mtime);
  });

  it('a corrupt zip fails its feed only: its rows stay, a changed feed still imports', async (t) => {
    if (skip) return t.skip(skip);
    const opts = options(f, join(dir, 'main'));
    const before = sources(opts.dbPath as string);
    const cachedZip = join(opts.cacheDir as string, 'feeds/osv-PyPI/all.zip');
    f.server.set('/osv/PyPI/all.zip', { body: f.corrupt, etag: '"zip-2"' });
    f.server.set('/tracker/data/json', { body: readFileSync(TRACKER_NEXT), etag: '"tracker-2"' });
    const summary = await updateFeeds(opts);
    const osv = feed(summary, 'osv:PyPI');
    assert.equal(osv.outcome, 'failed');
    assert.match(osv.error?.toLine() ?? '', /feed osv:PyPI: downloaded file is unusable: not a readable zip/);
    assert.equal(feed(summary, 'debian-tracker').outcome, 'imported');
    assert.equal(feed(summary, 'alpine-secdb').outcome, 'unchanged');
    const now = sources(opts.dbPath as string);
    assert.deepEqual(now.get('osv:PyPI'), before.get('osv:PyPI'));
    assert.deepEqual(now.get('alpine-secdb'), before.get('alpine-secdb'));
    assert.notEqual(now.get('debian-tracker')?.updated, before.get('debian-tracker')?.updated);
    // The last good zip stays in the cache for the next run's If-None-Match.
    assert.deepEqual(readFileSync(cachedZip), f.zip);
    serveAll(f, '1');
  });

  it('on a fresh cache a corrupt zip leaves osv:PyPI out and imports the rest', async (t) => {
    if (skip) return t.skip(skip);
    f.server.set('/osv/PyPI/all.zip', { body: f.corrupt, etag: '"zip-bad"' });
    const opts = options(f, join(dir, 'fresh'));
    const summary = await updateFeeds(opts);
    serveAll(f, '1');
    assert.equal(feed(summary, 'osv:PyPI').outcome, 'failed');
    assert.deepEqual([...sources(opts.dbPath as string).keys()].sort(), ['alpine-secdb', 'debian-tracker']);
  });

  it('re-imports cached feeds on 304 when the database lost them', async (t) => {
    if (skip) return t.skip(skip);
    const opts = options(f, join(dir, 'main'));
    rmSync(opts.dbPath as string);
    const seen = f.server.requests.length;
    const summary = await updateFeeds({ ...opts, sources: ['alpine-secdb', 'debian-tracker'] });
    // Every request was conditional and answered 304 (the server still has version 1 of these files).
    assert.ok(f.server.requests.slice(seen).every((r) => r.headers['if-none-match'] !== undefined));
    assert.ok(feed(summary, 'alpine-secdb').files.every((d) => d.status === 'not-modified'));
    assert.equal(feed(summary, 'alpine-secdb').outcome, 'imported');
    assert.deepEqual([...sources(opts.dbPath as string).keys()].sort(), ['alpine-secdb', 'debian-tracker']);
  });

  it('resumes a dropped zip download within one update', async (t) => {
    if (skip) return t.skip(skip);
    const half = Math.floor(f.zip.length / 2);
    f.server.dropAfter('/osv/PyPI/all.zip', half);
    const opts = options(f, join(dir, 'resume'));
    const summary = await updateFeeds({ ...opts, sources: ['osv:PyPI'] });
    const osv = feed(summary, 'osv:PyPI');
    assert.equal(osv.outcome, 'imported', osv.error?.message);
    // Rule: the retry asks for exactly the bytes after those the server sent before closing.
    const kept = osv.files[0]?.resumedFrom ?? 0;
    assert.equal(kept, half);
    assert.equal(f.server.requestsTo('/osv/PyPI/all.zip').at(-1)?.headers.range, `bytes=${kept}-`);
    assert.deepEqual(readFileSync(join(opts.cacheDir as string, 'feeds/osv-PyPI/all.zip')), f.zip);
    assert.equal(sources(opts.dbPath as string).get('osv:PyPI')?.advisories, osv.imports[0]?.advisories);
  });

  it('counts a 200 with the same bytes as not modified (a host without validators)', async (t) => {
    if (skip) return t.skip(skip);
    const opts = options(f, join(dir, 'novalidators'));
    f.server.set('/tracker/data/json', { body: readFileSync(TRACKER) });
    const first = await updateFeeds({ ...opts, sources: ['debian-tracker'] });
    assert.equal(feed(first, 'debian-tracker').outcome, 'imported');
    const second = await updateFeeds({ ...opts, sources: ['debian-tracker'] });
    serveAll(f, '1');
    assert.equal(feed(second, 'debian-tracker').files[0]?.status, 'not-modified');
    assert.equal(feed(second, 'debian-tracker').outcome, 'unchanged');
    assert.equal(second.built, false);
  });
});
