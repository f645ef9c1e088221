import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import { BlobCache } from './blob-cache.js';

const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('BlobCache', () => {
  it('stores a blob under its digest after verifying it', async () => {
    const cache = new BlobCache(mkdtempSync(join(tmpdir(), 'drydock-cache-')));
    const data = Buffer.from('layer bytes');
    const d = digestOf(data);
    assert.equal(cache.has(d), false);
    await cache.write(d, Readable.from([data]), { size: data.length });
    assert.equal(cache.has(d), true);
    assert.deepEqual(readFileSync(cache.path(d)), data);
    assert.deepEqual(cache.info().blobs, 1);
  });
  it('rejects a digest or size mismatch and leaves no entry or temp file', async () => {
    const cache = new BlobCache(mkdtempSync(join(tmpdir(), 'drydock-cache-')));
    const d = digestOf(Buffer.from('expected'));
    await assert.rejects(
      cache.write(d, Readable.from([Buffer.from('tampered')])),
      (e: unknown) => e instanceof DrydockError && /digest mismatch/.test(e.message),
    );
    const good = Buffer.from('ok');
    await assert.rejects(cache.write(digestOf(good), Readable.from([good]), { size: 3 }), /size mismatch/);
    assert.equal(cache.has(d), false);
    assert.deepEqual(existsSync(cache.dir) ? readdirSync(cache.dir) : [], []);
  });
  it('removes the temp file when the source fails mid-way', async () => {
    const cache = new BlobCache(mkdtempSync(join(tmpdir(), 'drydock-cache-')));
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection reset'));
      },
    });
    await assert.rejects(cache.write(digestOf(Buffer.from('x')), failing), /connection reset/);
    assert.deepEqual(readdirSync(cache.dir), []);
  });
  it('prunes least recently used blobs down to a size', async () => {
    const cache = new BlobCache(mkdtempSync(join(tmpdir(), 'drydock-cache-')));
    for (const s of ['aaaa', 'bbbb', 'cccc'])
      await cache.write(digestOf(Buffer.from(s)), Readable.from([Buffer.from(s)]));
    const r = cache.prune(8);
    assert.equal(r.removed, 1);
    assert.equal(cache.info().bytes, 8);
  });
});
