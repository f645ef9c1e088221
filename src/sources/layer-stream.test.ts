import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import { compressionOf, openLayerStream, sniffCompression } from './layer-stream.js';
import { chunked, gzip, LAYER_TYPES, makeTar, sha256, zstd } from './oci-layout/testdata/fixtures.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const isDrydock = (pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof DrydockError, `expected DrydockError, got ${String(e)}`);
  assert.match(e.message, pattern);
  return true;
};

describe('layer-stream', async () => {
  const tar = await makeTar(
    Array.from({ length: 50 }, (_, i) => ({ name: `dir/file-${i}`, content: `content ${i} `.repeat(200) })),
  );
  const forms = { none: tar, gzip: gzip(tar), zstd: zstd(tar) };

  for (const [kind, stored] of Object.entries(forms)) {
    it(`decompresses a ${kind} layer and verifies its digest`, async () => {
      const out = await readAll(
        openLayerStream(chunked(stored, 777), { digest: sha256(stored), mediaType: LAYER_TYPES.none }),
      );
      assert.deepEqual(out, tar);
    });
  }

  it('knows the OCI, Docker and nondistributable media types', () => {
    assert.equal(compressionOf('application/vnd.docker.image.rootfs.diff.tar.gzip'), 'gzip');
    assert.equal(compressionOf('application/vnd.oci.image.layer.nondistributable.v1.tar+zstd'), 'zstd');
    assert.equal(compressionOf('application/vnd.oci.image.layer.v1.tar'), 'none');
    assert.equal(compressionOf('application/json'), undefined);
    assert.equal(sniffCompression(forms.gzip), 'gzip');
    assert.equal(sniffCompression(forms.zstd), 'zstd');
    assert.equal(sniffCompression(tar), 'none');
  });

  for (const [kind, stored] of Object.entries(forms)) {
    it(`reports one digest mismatch for a corrupt byte in a ${kind} layer`, async () => {
      const digest = sha256(stored);
      const bad = Buffer.from(stored);
      const at = Math.floor(bad.length / 2);
      bad[at] = (bad[at] ?? 0) ^ 0xff;
      await assert.rejects(
        readAll(openLayerStream(chunked(bad), { digest })),
        isDrydock(new RegExp(`digest mismatch for layer ${digest}`)),
      );
    });
  }

  for (const kind of ['gzip', 'zstd'] as const) {
    it(`reports truncated ${kind} data when the stored bytes match a truncated digest`, async () => {
      const cut = forms[kind].subarray(0, Math.floor(forms[kind].length * 0.6));
      await assert.rejects(
        readAll(openLayerStream(chunked(cut), { digest: sha256(cut) })),
        isDrydock(new RegExp(`truncated ${kind} data`)),
      );
    });
    it(`reports a truncated ${kind} download as a size mismatch`, async () => {
      const full = forms[kind];
      const cut = full.subarray(0, full.length - 10);
      await assert.rejects(
        readAll(openLayerStream(chunked(cut), { digest: sha256(full), size: full.length })),
        isDrydock(/layer truncated: expected \d+ bytes, got \d+/),
      );
    });
  }

  it('trusts magic bytes over a wrong media type (zstd labelled gzip)', async () => {
    const out = await readAll(
      openLayerStream(chunked(forms.zstd), { digest: sha256(forms.zstd), mediaType: LAYER_TYPES.gzip }),
    );
    assert.deepEqual(out, tar);
  });

  it('streams: output flows before the stored bytes end, and never ends before the digest check', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 'drydock layer ');
    const stored = zstd(big);
    let storedDone = false;
    let outputBeforeEnd = 0;
    async function* slow() {
      for (let i = 0; i < stored.length; i += 4096) {
        yield stored.subarray(i, i + 4096);
        await new Promise((r) => setImmediate(r));
      }
      storedDone = true;
    }
    const out = openLayerStream(Readable.from(slow()), { digest: sha256(stored) });
    let total = 0;
    for await (const c of out as AsyncIterable<Buffer>) {
      if (!storedDone) outputBeforeEnd += c.length;
      total += c.length;
    }
    assert.equal(total, big.length);
    assert.ok(outputBeforeEnd > big.length / 2, `only ${outputBeforeEnd} bytes came out before the input ended`);
  });

  it('names the layer in read errors', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('EIO boom'));
      },
    });
    await assert.rejects(
      readAll(openLayerStream(failing, { digest: sha256('x'), what: 'oci-dir:/x layer sha256:abc' })),
      (e: unknown) =>
        e instanceof DrydockError && /EIO boom/.test(e.message) && e.where === 'oci-dir:/x layer sha256:abc',
    );
  });
});
