import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { startFaultProxy } from '../../../test/testbed/fault-proxy.js';
import { ensureTestImages, type TestImages } from '../../../test/testbed/images.js';
import { pushImage, skopeoInspect, skopeoInspectRaw } from '../../../test/testbed/push.js';
import { type RunningRegistry, startRegistry } from '../../../test/testbed/registry.js';
import { DrydockError } from '../../core/errors.js';
import { joinHostPath as join } from '../../core/host-path.js';
import { BlobCache } from '../blob-cache.js';
import { RegistryClient } from './client.js';
import { DOCKER_MANIFEST_V2, OCI_INDEX, OCI_MANIFEST } from './media-types.js';
import { parseRegistryReference } from './reference.js';
import { RegistrySource, type RegistrySourceOptions } from './registry-source.js';

/**
 * The registry client against a real CNCF Distribution registry (testbed), with skopeo as the
 * reference client and a fault-injecting proxy for 429/5xx/corruption/truncation.
 */

const AMD64 = { os: 'linux', architecture: 'amd64' } as const;
const ARM64 = { os: 'linux', architecture: 'arm64' } as const;
const FAST_RETRY = { tries: 3, baseDelayMs: 20, maxDelayMs: 3000, totalMs: 10_000 };

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const freshCache = () => new BlobCache(tmp('drydock-reg-cache-'));
/** No host docker config, no ambient DRYDOCK_REGISTRY_*: only what a test passes. */
const isolatedEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const home = tmp('drydock-reg-home-');
  return { HOME: home, DOCKER_CONFIG: join(home, '.docker'), PATH: process.env.PATH ?? '', ...extra };
};
const opts = (extra: Partial<RegistrySourceOptions> = {}): RegistrySourceOptions => ({
  cache: freshCache(),
  env: isolatedEnv(),
  retry: FAST_RETRY,
  ...extra,
});

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Entry names of a tar. */
async function tarNames(tar: Buffer): Promise<string[]> {
  const { extract } = await import('tar-stream');
  const ex = extract();
  const names: string[] = [];
  ex.on('entry', (h, s, next) => {
    names.push(h.name);
    s.resume();
    s.on('end', next);
  });
  ex.end(tar);
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  return names;
}

function assertOneLineWithout(err: unknown, secrets: readonly string[], pattern: RegExp): true {
  assert.ok(err instanceof DrydockError, `not a DrydockError: ${String(err)}`);
  const text = `${err.toLine()} ${err.hint ?? ''}`;
  assert.ok(!err.toLine().includes('\n'), text);
  for (const s of secrets) assert.ok(!text.includes(s), `secret leaked: ${text}`);
  assert.match(err.toLine(), pattern);
  return true;
}

/** An OCI layout holding one image whose only layer is a gzip stream cut in half (digest of the cut bytes). */
async function truncatedGzipLayout(): Promise<string> {
  const dir = tmp('drydock-badgz-');
  const p = pack();
  p.entry({ name: 'etc/os-release' }, 'ID=bad\n');
  p.entry({ name: 'big.bin' }, createHash('sha512').update('x').digest().toString('hex').repeat(2000));
  p.finalize();
  const tar = await drain(p as unknown as Readable);
  const gz = gzipSync(tar);
  const cut = gz.subarray(0, Math.floor(gz.length / 2));
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (b: Buffer) => {
    const d = sha256(b);
    writeFileSync(join(blobs, d.slice(7)), b);
    return { digest: d, size: b.length };
  };
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(tar)] } }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...put(config) },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(cut) }],
    }),
  );
  const m = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: OCI_MANIFEST, ...m, annotations: { 'org.opencontainers.image.ref.name': 'bad' } }],
    }),
  );
  return dir;
}

describe('RegistrySource against a real Distribution registry', { timeout: 600_000 }, () => {
  let images: TestImages;
  let reg: RunningRegistry;
  let multiDigest: string;
  const timings: Record<string, number> = {};

  before(async () => {
    let t = Date.now();
    images = await ensureTestImages();
    timings.images = Date.now() - t;
    t = Date.now();
    reg = await startRegistry({ auth: 'none' });
    timings.registry = Date.now() - t;
    t = Date.now();
    await pushImage(`oci:${images.ociLayout.dir}:${images.ociLayout.tags.bookworm}`, `${reg.host}/t/bookworm:oci`);
    await pushImage(`oci:${images.ociLayout.dir}:${images.ociLayout.tags.bookworm}`, `${reg.host}/t/bookworm:v2s2`, {
      format: 'v2s2',
    });
    multiDigest = await pushImage(
      `oci:${images.multiArchLayout.dir}:${images.multiArchLayout.tag}`,
      `${reg.host}/t/multi:1`,
      {
        multiArch: true,
      },
    );
    await pushImage(`oci:${await truncatedGzipLayout()}:bad`, `${reg.host}/t/badgz:1`);
    timings.push = Date.now() - t;
  });
  after(async () => {
    await reg?.stop();
    console.log(`# timings (ms): ${JSON.stringify(timings)}`);
  });

  it('resolves a multi-arch index to the digests skopeo reports (index and platform manifest)', async () => {
    const t = Date.now();
    const img = await new RegistrySource(`${reg.host}/t/multi:1`, opts()).resolve({ platform: AMD64 });
    timings.resolveMulti = Date.now() - t;
    assert.equal(img.indexDigest, await skopeoInspect(`${reg.host}/t/multi:1`));
    assert.equal(img.indexDigest, multiDigest);
    assert.equal(img.indexDigest, images.multiArchLayout.indexDigest);
    const amd = images.multiArchLayout.manifests.amd64;
    assert.equal(img.manifestDigest, await skopeoInspect(`${reg.host}/t/multi@${img.manifestDigest}`));
    assert.equal(img.manifestDigest, amd.manifestDigest);
    assert.equal(img.manifestMediaType, OCI_MANIFEST);
    assert.equal(img.configDigest, amd.configDigest);
    assert.deepEqual(
      img.layers.map((l) => l.digest),
      amd.layerDigests,
    );
    assert.deepEqual(
      img.layers.map((l) => l.diffId),
      amd.diffIds,
    );
    assert.deepEqual(img.platform, AMD64);
    assert.equal(img.source, `registry:${reg.host}/t/multi:1`);
  });

  it('picks arm64 from the same index, and names what is offered for a missing platform', async () => {
    const src = new RegistrySource(`${reg.host}/t/multi:1`, opts());
    const arm = await src.resolve({ platform: ARM64 });
    assert.equal(arm.manifestDigest, images.multiArchLayout.manifests.arm64.manifestDigest);
    assert.equal(arm.config.architecture, 'arm64');
    const layer = arm.layers[0];
    assert.ok(layer);
    const tar = await drain(await layer.open());
    assert.equal(sha256(tar), layer.diffId);
    assert.ok((await tarNames(tar)).some((n) => n.replace(/^\.?\//, '') === 'etc/drydock-testbed-arch'));
    await assert.rejects(src.resolve({ platform: { os: 'linux', architecture: 's390x' } }), (e: unknown) =>
      assertOneLineWithout(
        e,
        [],
        /no image for platform linux\/s390x; the index offers linux\/amd64, linux\/arm64\/v8/,
      ),
    );
  });

  it('reads a Docker v2s2 image: digests equal skopeo, layer stream equals its diff_id', async () => {
    const t = Date.now();
    const img = await new RegistrySource(`${reg.host}/t/bookworm:v2s2`, opts()).resolve({ platform: AMD64 });
    const raw = await skopeoInspectRaw(`${reg.host}/t/bookworm:v2s2`);
    assert.equal(img.indexDigest, undefined);
    assert.equal(img.manifestDigest, raw.digest);
    assert.equal(img.manifestMediaType, DOCKER_MANIFEST_V2);
    assert.equal(raw.mediaType, DOCKER_MANIFEST_V2);
    const layer = img.layers[0];
    assert.ok(layer);
    const tar = await drain(await layer.open());
    timings.resolveAndOpenV2s2 = Date.now() - t;
    assert.equal(sha256(tar), layer.diffId);
    assert.equal(tar.length, readFileSync(images.rootfsTar).length);
  });

  it('resolveDigest uses one HEAD and agrees with skopeo', async () => {
    const proxy = await startFaultProxy(reg.url, []);
    try {
      const client = new RegistryClient({ cache: freshCache(), env: isolatedEnv() });
      const digest = await client.resolveDigest(parseRegistryReference(`${proxy.host}/t/bookworm:oci`));
      assert.equal(digest, await skopeoInspect(`${reg.host}/t/bookworm:oci`));
      assert.deepEqual(
        proxy.log.map((e) => e.method),
        ['HEAD'],
      );
    } finally {
      await proxy.stop();
    }
  });

  it('answers 404 for an unknown tag and an unknown repository in one line', async () => {
    await assert.rejects(new RegistrySource(`${reg.host}/t/bookworm:nope`, opts()).resolve(), (e: unknown) =>
      assertOneLineWithout(e, [], /tag nope not found in 127\.0\.0\.1:\d+\/t\/bookworm/),
    );
    await assert.rejects(new RegistrySource(`${reg.host}/t/absent:1`, opts()).resolve(), (e: unknown) =>
      assertOneLineWithout(e, [], /not found/),
    );
  });

  it('downloads nothing on a second resolve + open of the same image (one HEAD for the tag)', async () => {
    const proxy = await startFaultProxy(reg.url, []);
    try {
      const cache = freshCache();
      const ref = `${proxy.host}/t/multi:1`;
      const first = await new RegistrySource(ref, opts({ cache })).resolve({ platform: AMD64 });
      for (const l of first.layers) await drain(await l.open());
      const firstLog = proxy.log.length;
      assert.equal(proxy.log.filter((e) => e.path.includes('/blobs/')).length, 2); // config + layer
      const source2 = new RegistrySource(ref, opts({ cache }));
      const second = await source2.resolve({ platform: AMD64 });
      for (const l of second.layers) await drain(await l.open());
      const again = proxy.log.slice(firstLog);
      assert.deepEqual(
        again.map((e) => `${e.method} ${e.path.replace(/sha256:[a-f0-9]+/, 'D')}`),
        ['HEAD /v2/t/multi/manifests/1'],
      );
      assert.equal(source2.client.blobDownloads, 0);
      // by digest: not even the HEAD
      const pinned = await new RegistrySource(`${proxy.host}/t/multi@${first.indexDigest}`, opts({ cache })).resolve({
        platform: AMD64,
      });
      assert.equal(pinned.manifestDigest, first.manifestDigest);
      assert.equal(proxy.log.length, firstLog + 1);
    } finally {
      await proxy.stop();
    }
  });

  it('retries a 429 after Retry-After, then succeeds', async () => {
    const proxy = await startFaultProxy(reg.url, [
      { path: /\/manifests\//, times: 2, fault: { kind: 'status', status: 429, retryAfter: 1 } },
    ]);
    try {
      const t = Date.now();
      const img = await new RegistrySource(`${proxy.host}/t/bookworm:oci`, opts()).resolve({ platform: AMD64 });
      const took = Date.now() - t;
      timings.retryAfter429x2 = took;
      assert.equal(img.manifestDigest, images.ociLayout.bookworm.manifestDigest);
      assert.equal(proxy.hits(0), 2);
      assert.ok(took >= 1900, `Retry-After honoured: ${took} ms`);
    } finally {
      await proxy.stop();
    }
  });

  it('gives up on a persistent 503 after the bounded number of tries', async () => {
    const proxy = await startFaultProxy(reg.url, [{ path: /\/manifests\//, fault: { kind: 'status', status: 503 } }]);
    try {
      await assert.rejects(new RegistrySource(`${proxy.host}/t/bookworm:oci`, opts()).resolve(), (e: unknown) =>
        assertOneLineWithout(e, [], /503 Service Unavailable from 127\.0\.0\.1:\d+, giving up after 3 tries/),
      );
      assert.equal(proxy.hits(0), 3);
    } finally {
      await proxy.stop();
    }
  });

  it('refuses a Retry-After longer than the per-wait cap instead of hanging', async () => {
    const proxy = await startFaultProxy(reg.url, [
      { path: /\/manifests\//, fault: { kind: 'status', status: 429, retryAfter: 3600 } },
    ]);
    try {
      const t = Date.now();
      await assert.rejects(new RegistrySource(`${proxy.host}/t/bookworm:oci`, opts()).resolve(), (e: unknown) =>
        assertOneLineWithout(e, [], /429 Too Many Requests .*Retry-After asks for 3600 s/),
      );
      assert.ok(Date.now() - t < 2000);
    } finally {
      await proxy.stop();
    }
  });

  it('retries a connection reset and a blob cut mid-stream, then verifies the full blob', async () => {
    const proxy = await startFaultProxy(reg.url, [
      { method: 'HEAD', path: /\/manifests\//, times: 1, fault: { kind: 'reset' } },
      { path: /\/blobs\/sha256:/, times: 1, fault: { kind: 'truncate' } },
    ]);
    try {
      const cache = freshCache();
      const img = await new RegistrySource(`${proxy.host}/t/bookworm:oci`, opts({ cache })).resolve({
        platform: AMD64,
      });
      const layer = img.layers[0];
      assert.ok(layer);
      assert.equal(sha256(await drain(await layer.open())), layer.diffId);
      assert.equal(proxy.hits(0), 1);
      assert.equal(proxy.hits(1), 1);
      assert.equal(cache.has(layer.digest), true);
    } finally {
      await proxy.stop();
    }
  });

  it('times out a silent registry and retries', async () => {
    const proxy = await startFaultProxy(reg.url, [
      { method: 'HEAD', path: /\/manifests\//, times: 1, fault: { kind: 'delay', ms: 2000 } },
    ]);
    try {
      const t = Date.now();
      const img = await new RegistrySource(`${proxy.host}/t/bookworm:oci`, opts({ timeoutMs: 300 })).resolve({
        platform: AMD64,
      });
      assert.equal(img.manifestDigest, images.ociLayout.bookworm.manifestDigest);
      assert.ok(Date.now() - t < 1800, 'did not wait for the slow answer');
      assert.equal(proxy.hits(0), 1);
    } finally {
      await proxy.stop();
    }
  });

  it('rejects a corrupted blob with a digest mismatch and leaves no cache entry', async () => {
    const proxy = await startFaultProxy(reg.url, [
      { path: new RegExp(images.ociLayout.bookworm.layerDigests[0] ?? 'x'), fault: { kind: 'corrupt' } },
    ]);
    try {
      const cache = freshCache();
      const img = await new RegistrySource(`${proxy.host}/t/bookworm:oci`, opts({ cache })).resolve({
        platform: AMD64,
      });
      const layer = img.layers[0];
      assert.ok(layer);
      await assert.rejects(layer.open().then(drain), (e: unknown) =>
        assertOneLineWithout(e, [], /digest mismatch: expected sha256:[a-f0-9]{64}, got sha256:/),
      );
      assert.equal(proxy.hits(0), 1, 'a digest mismatch is not retried');
      assert.equal(cache.has(layer.digest), false);
      assert.deepEqual(
        readdirSync(cache.dir).filter((n) => n.endsWith('.partial')),
        [],
      );
    } finally {
      await proxy.stop();
    }
  });

  it('rejects a manifest whose bytes do not match the digest asked for or the one the registry claims', async () => {
    const proxy = await startFaultProxy(reg.url, [
      { method: 'GET', path: /\/manifests\//, fault: { kind: 'corrupt', offsets: [10] } },
    ]);
    try {
      const byDigest = `${proxy.host}/t/bookworm@${images.ociLayout.bookworm.manifestDigest}`;
      await assert.rejects(new RegistrySource(byDigest, opts()).resolve(), (e: unknown) =>
        assertOneLineWithout(e, [], /digest mismatch: asked for sha256:[a-f0-9]{64}, the manifest served hashes to/),
      );
      const client = new RegistryClient({ cache: freshCache(), env: isolatedEnv() });
      await assert.rejects(client.getManifest(parseRegistryReference(`${proxy.host}/t/bookworm:oci`)), (e: unknown) =>
        assertOneLineWithout(
          e,
          [],
          /digest mismatch: registry says sha256:[a-f0-9]{64}, the manifest served hashes to/,
        ),
      );
    } finally {
      await proxy.stop();
    }
  });

  it('fails a truncated gzip layer (digest fine, stream cut) with a one-line error', async () => {
    const img = await new RegistrySource(`${reg.host}/t/badgz:1`, opts()).resolve({ platform: AMD64 });
    const layer = img.layers[0];
    assert.ok(layer);
    await assert.rejects(layer.open().then(drain), (e: unknown) =>
      assertOneLineWithout(e, [], /truncated gzip data in layer/),
    );
  });

  it('fetchManifestAndBlobs returns the index and every platform with blobs verified in the cache', async () => {
    const progress = new Map<string, { received: number; total: number }>();
    const src = new RegistrySource(`${reg.host}/t/multi:1`, opts());
    const t = Date.now();
    const got = await src.fetchManifestAndBlobs({
      platforms: 'all',
      onProgress: (p) => progress.set(p.digest, { received: p.received, total: p.total }),
    });
    timings.fetchAllPlatforms = Date.now() - t;
    assert.equal(got.top.mediaType, OCI_INDEX);
    assert.equal(sha256(got.top.bytes), images.multiArchLayout.indexDigest);
    assert.deepEqual(
      got.manifests.map((m) => m.digest),
      [images.multiArchLayout.manifests.amd64.manifestDigest, images.multiArchLayout.manifests.arm64.manifestDigest],
    );
    for (const m of got.manifests) assert.equal(sha256(m.bytes), m.digest);
    assert.equal(got.blobs.length, 4);
    for (const b of got.blobs) {
      assert.equal(sha256(readFileSync(got.blobPath(b.digest))), b.digest);
      const p = progress.get(b.digest);
      assert.ok(p, `progress for ${b.digest}`);
      assert.equal(p.received, b.size);
      assert.equal(p.total, b.size);
    }
    const one = await src.fetchManifestAndBlobs({ platform: ARM64 });
    assert.deepEqual(
      one.manifests.map((m) => m.platform?.architecture),
      ['arm64'],
    );
    assert.ok(existsSync(one.blobPath(one.manifests[0]?.config.digest ?? '')));
  });
});

describe('RegistrySource auth against real registries', { timeout: 300_000 }, () => {
  let images: TestImages;
  before(async () => {
    images = await ensureTestImages();
  });

  for (const kind of ['basic', 'token'] as const) {
    it(`${kind} auth: right credentials pull, wrong ones fail in one line without the password`, async () => {
      const reg = await startRegistry({ auth: kind });
      try {
        const creds = { username: reg.username, password: reg.password };
        await pushImage(`oci:${images.ociLayout.dir}:${images.ociLayout.tags.arm64}`, `${reg.host}/p/arm:1`, { creds });
        const ref = `${reg.host}/p/arm:1`;
        const good = opts({
          env: isolatedEnv({ DRYDOCK_REGISTRY_USER: reg.username, DRYDOCK_REGISTRY_PASSWORD: reg.password }),
        });
        const src = new RegistrySource(ref, good);
        const tokensBefore = reg.tokenRequests.length;
        const img = await src.resolve({ platform: ARM64 });
        const ours = () => reg.tokenRequests.slice(tokensBefore).filter((r) => r.outcome === 'ok').length;
        const layer = img.layers[0];
        assert.ok(layer);
        assert.equal(sha256(await drain(await layer.open())), layer.diffId);
        if (kind === 'token') {
          // one token for the repository scope, reused for every request of this client
          assert.equal(ours(), 1);
          await src.resolve({ platform: ARM64 });
          assert.equal(ours(), 1);
        }
        assert.equal(img.manifestDigest, await skopeoInspect(ref, creds));

        const wrongPassword = `wrong-${reg.password}`;
        const bad = opts({
          env: isolatedEnv({ DRYDOCK_REGISTRY_USER: reg.username, DRYDOCK_REGISTRY_PASSWORD: wrongPassword }),
        });
        await assert.rejects(new RegistrySource(ref, bad).resolve(), (e: unknown) =>
          assertOneLineWithout(
            e,
            [wrongPassword, reg.password],
            /401.*rejected the credentials from DRYDOCK_REGISTRY_USER/,
          ),
        );

        // credentials from a docker config.json (base64 auth) work too
        const home = tmp('drydock-reg-dc-');
        mkdirSync(join(home, '.docker'));
        writeFileSync(
          join(home, '.docker', 'config.json'),
          JSON.stringify({
            auths: { [reg.host]: { auth: Buffer.from(`${reg.username}:${reg.password}`).toString('base64') } },
          }),
        );
        const viaConfig = await new RegistrySource(
          ref,
          opts({ env: { HOME: home, PATH: process.env.PATH ?? '' } }),
        ).resolve({ platform: ARM64 });
        assert.equal(viaConfig.manifestDigest, img.manifestDigest);

        // no credentials at all: says so, and names the missing credential helper
        const helperless = tmp('drydock-reg-dc-');
        mkdirSync(join(helperless, '.docker'));
        writeFileSync(join(helperless, '.docker', 'config.json'), JSON.stringify({ credsStore: 'drydock-absent' }));
        await assert.rejects(
          new RegistrySource(ref, opts({ env: { HOME: helperless, PATH: process.env.PATH ?? '' } })).resolve(),
          (e: unknown) => {
            assertOneLineWithout(e, [reg.password], /requires authentication and no credentials were found/);
            assert.match((e as DrydockError).hint ?? '', /docker-credential-drydock-absent is not on PATH/);
            return true;
          },
        );
      } finally {
        await reg.stop();
      }
    });
  }
});
