import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import type { RetryPolicy } from '../../sources/registry/retry.js';
import { downloadFile, metaPath, readFileMeta } from './download.js';
import { FeedServer } from './testdata/feed-server.js';
import { verifyFeedFile } from './verify.js';

const SECDB = join(import.meta.dirname, '../../../../shared/data/alpine-secdb/alpine-secdb-json');
// Real secdb files (70 KB and 44 KB): big enough to cut in half.
const MAIN = readFileSync(join(SECDB, 'v3.11/main.json'));
const COMMUNITY = readFileSync(join(SECDB, 'v3.11/community.json'));
const FAST: RetryPolicy = { tries: 4, baseDelayMs: 20, maxDelayMs: 3000, totalMs: 10_000 };
const secdb = (path: string) => verifyFeedFile(path, 'secdb-json');

function target(): string {
  return join(mkdtempSync(join(tmpdir(), 'drydock-feed-dl-')), 'feed', 'main.json');
}

describe('downloadFile against a local feed host', () => {
  let server: FeedServer;
  before(async () => {
    server = await FeedServer.start();
  });
  after(() => server.close());

  it('downloads, then asks with If-None-Match and keeps the copy on 304', async () => {
    server.set('/a/main.json', { body: MAIN, etag: '"v1"', lastModified: 'Mon, 01 Jun 2020 10:00:00 GMT' });
    const path = target();
    const first = await downloadFile(`${server.url}/a/main.json`, path, { retry: FAST, verify: secdb });
    assert.equal(first.status, 'downloaded');
    assert.deepEqual(readFileSync(path), MAIN);
    assert.equal(readFileMeta(path)?.etag, '"v1"');
    const second = await downloadFile(`${server.url}/a/main.json`, path, { retry: FAST, verify: secdb });
    assert.equal(second.status, 'not-modified');
    assert.equal(second.meta.fetchedAt, first.meta.fetchedAt);
    const [, req] = server.requestsTo('/a/main.json');
    assert.equal(req?.headers['if-none-match'], '"v1"');
    assert.equal(req?.headers['if-modified-since'], 'Mon, 01 Jun 2020 10:00:00 GMT');
  });

  it('uses If-Modified-Since alone when the server sends no ETag', async () => {
    server.set('/lm/main.json', { body: MAIN, lastModified: 'Tue, 02 Jun 2020 10:00:00 GMT' });
    const path = target();
    await downloadFile(`${server.url}/lm/main.json`, path, { retry: FAST });
    const again = await downloadFile(`${server.url}/lm/main.json`, path, { retry: FAST });
    assert.equal(again.status, 'not-modified');
    const [, req] = server.requestsTo('/lm/main.json');
    assert.equal(req?.headers['if-none-match'], undefined);
    assert.equal(req?.headers['if-modified-since'], 'Tue, 02 Jun 2020 10:00:00 GMT');
  });

  it('resumes a dropped download with Range from the byte where it stopped', async () => {
    const half = Math.floor(MAIN.length / 2);
    server.set('/r/main.json', { body: MAIN, etag: '"r1"' });
    server.dropAfter('/r/main.json', half);
    const path = target();
    const got = await downloadFile(`${server.url}/r/main.json`, path, { retry: FAST, verify: secdb });
    const [first, second] = server.requestsTo('/r/main.json');
    assert.equal(first?.headers.range, undefined);
    // Rule: the retry asks for exactly the bytes after those the server sent before closing.
    const kept = got.resumedFrom ?? 0;
    assert.equal(kept, half);
    assert.equal(second?.headers.range, `bytes=${kept}-`);
    assert.equal(second?.headers['if-range'], '"r1"');
    assert.equal(got.attempts, 2);
    assert.deepEqual(readFileSync(path), MAIN);
    assert.equal(existsSync(`${path}.partial`), false);
  });

  it('restarts from zero when the server ignores Range', async () => {
    const half = Math.floor(COMMUNITY.length / 2);
    server.set('/nr/main.json', { body: COMMUNITY, etag: '"n1"', ranges: false });
    server.dropAfter('/nr/main.json', half);
    const path = target();
    const got = await downloadFile(`${server.url}/nr/main.json`, path, { retry: FAST, verify: secdb });
    assert.equal(server.requestsTo('/nr/main.json')[1]?.headers.range, `bytes=${half}-`);
    assert.equal(got.resumedFrom, undefined);
    assert.deepEqual(readFileSync(path), COMMUNITY);
  });

  it('does not resume bytes of an older version (If-Range mismatch → 200, whole new body)', async () => {
    server.set('/v/main.json', { body: MAIN, etag: '"old"' });
    server.dropAfter('/v/main.json', 1000);
    const path = target();
    // One attempt only: the interrupted partial stays for the next run.
    await assert.rejects(downloadFile(`${server.url}/v/main.json`, path, { retry: { ...FAST, tries: 1 } }));
    assert.equal(readFileSync(`${path}.partial`).length, 1000);
    server.set('/v/main.json', { body: COMMUNITY, etag: '"new"' });
    const got = await downloadFile(`${server.url}/v/main.json`, path, { retry: FAST });
    assert.equal(server.requestsTo('/v/main.json')[1]?.headers['if-range'], '"old"');
    assert.equal(got.resumedFrom, undefined);
    assert.deepEqual(readFileSync(path), COMMUNITY);
  });

  it('waits as long as Retry-After says after a 503, then downloads', async () => {
    server.set('/ra/main.json', { body: MAIN, etag: '"ra"' });
    server.fail('/ra/main.json', 503, { 'retry-after': '1' });
    const got = await downloadFile(`${server.url}/ra/main.json`, target(), { retry: FAST });
    const [first, second] = server.requestsTo('/ra/main.json');
    assert.equal(got.attempts, 2);
    // Rule: Retry-After: 1 means at least a second between the two requests (backoff alone is 20 ms here).
    assert.ok((second?.at ?? 0) - (first?.at ?? 0) >= 950, `waited ${(second?.at ?? 0) - (first?.at ?? 0)} ms`);
  });

  it('gives up after the retry budget with one line naming the feed', async () => {
    for (let i = 0; i < 2; i++) server.fail('/busy/main.json', 429);
    server.set('/busy/main.json', { body: MAIN });
    const err = await downloadFile(`${server.url}/busy/main.json`, target(), {
      retry: { ...FAST, tries: 2 },
      what: 'feed alpine-secdb',
    }).catch((e: unknown) => e);
    assert.ok(err instanceof DrydockError);
    assert.match(
      err.toLine(),
      /^error: http:\/\/127\.0\.0\.1:\d+\/busy\/main\.json: feed alpine-secdb: gave up after retries: HTTP 429/,
    );
    assert.doesNotMatch(err.toLine(), /\n/);
  });

  it('fails at once on 404 and leaves nothing in the cache', async () => {
    const path = target();
    const err = await downloadFile(`${server.url}/missing/main.json`, path, {
      retry: FAST,
      what: 'feed alpine-secdb',
    }).catch((e: unknown) => e);
    assert.ok(err instanceof DrydockError);
    assert.match(err.message, /^feed alpine-secdb: HTTP 404/);
    assert.equal(server.requestsTo('/missing/main.json').length, 1);
    assert.equal(existsSync(path), false);
  });

  it('keeps the previous copy and its validators when the new file fails the check', async () => {
    server.set('/bad/main.json', { body: MAIN, etag: '"good"' });
    const path = target();
    await downloadFile(`${server.url}/bad/main.json`, path, { retry: FAST, verify: secdb });
    const meta = readFileSync(metaPath(path), 'utf8');
    server.set('/bad/main.json', { body: Buffer.from('<html>captive portal</html>'), etag: '"portal"' });
    await assert.rejects(downloadFile(`${server.url}/bad/main.json`, path, { retry: FAST, verify: secdb }), (e) => {
      assert.ok(e instanceof DrydockError);
      assert.match(e.message, /downloaded file is unusable: not JSON/);
      return true;
    });
    assert.deepEqual(readFileSync(path), MAIN);
    assert.equal(readFileSync(metaPath(path), 'utf8'), meta);
    assert.equal(existsSync(`${path}.partial`), false);
  });
});
