import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { extract } from 'tar-stream';
import { buildEvilLayers, EVIL_ENTRIES, writeOciLayout } from './evil-layers.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';
import { ensureTestImages, type TestImages, testImagesOrSkip } from './images.js';
import { withDirLock } from './lock.js';
import { pushImage, skopeoInspect, skopeoInspectRaw } from './push.js';
import { type RunningRegistry, startRegistry } from './registry.js';

const OCI_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const sha256 = (b: Buffer | Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

/** The named members of a tar file: file text, or `-> target` for links. */
async function tarMembers(path: string, names: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const ex = extract();
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const { name: raw, type, linkname } = entry.header;
      const name = raw.replace(/^\.\//, '').replace(/\/$/, '');
      if (!names.includes(name)) continue;
      found.set(
        name,
        type === 'symlink' || type === 'link' ? `-> ${linkname}` : Buffer.concat(chunks).toString('utf8'),
      );
    }
  })();
  createReadStream(path).pipe(ex);
  await done;
  return found;
}

describe('test images (mmdebstrap + umoci + skopeo, cached)', () => {
  let images: TestImages | undefined;

  it('builds once, then a fresh process reads the cache', async (t) => {
    const started = Date.now();
    images = await testImagesOrSkip(t);
    if (!images) return;
    t.diagnostic(
      `${images.built ? 'built' : 'cache hit'} in ${Date.now() - started} ms (cold build took ${images.stats.buildMs} ms): ${images.dir}`,
    );
    // A second process (like another test file) must find the cache, not build again.
    const warmStart = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'build.ts')], {
      encoding: 'utf8',
      env: process.env,
    });
    const warmMs = Date.now() - warmStart;
    assert.equal(child.status, 0, child.stderr);
    const again = JSON.parse(child.stdout) as TestImages;
    assert.equal(again.built, false);
    assert.equal(again.dir, images.dir);
    assert.deepEqual(again.ociLayout, images.ociLayout);
    assert.ok(warmMs < 10_000, `warm call took ${warmMs} ms`);
    t.diagnostic(`warm call in a new process: ${warmMs} ms`);
    // And in-process calls share one promise.
    assert.equal(await ensureTestImages(), await ensureTestImages());
  });

  it("records skopeo's digests, and they match the layout's own bytes", async (t) => {
    if (!images) return t.skip('no images');
    const { ociLayout, ociArchive, dockerArchive } = images;
    const index = JSON.parse(await readFile(join(ociLayout.dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations?: Record<string, string> }[];
    };
    const byTag = new Map(index.manifests.map((m) => [m.annotations?.['org.opencontainers.image.ref.name'], m.digest]));
    assert.equal(byTag.get(ociLayout.tags.bookworm), ociLayout.bookworm.manifestDigest);
    assert.equal(byTag.get(ociLayout.tags.arm64), ociLayout.arm64.manifestDigest);
    const blob = (d: string) => join(ociLayout.dir, 'blobs', 'sha256', d.slice('sha256:'.length));
    assert.equal(sha256(await readFile(blob(ociLayout.bookworm.manifestDigest))), ociLayout.bookworm.manifestDigest);
    assert.equal(await sha256File(blob(ociLayout.bookworm.layerDigests[0] ?? '')), ociLayout.bookworm.layerDigests[0]);
    // The single layer is the mmdebstrap tar, unchanged.
    assert.deepEqual(ociLayout.bookworm.diffIds, [await sha256File(images.rootfsTar)]);
    assert.equal(ociLayout.bookworm.architecture, 'amd64');
    assert.equal(ociLayout.arm64.architecture, 'arm64');
    // The oci-archive holds the same blobs; the docker-archive stores the uncompressed tar.
    assert.equal(ociArchive.manifestDigest, ociLayout.bookworm.manifestDigest);
    assert.equal(dockerArchive.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.deepEqual(dockerArchive.layerDigests, ociLayout.bookworm.diffIds);
    assert.deepEqual(dockerArchive.diffIds, ociLayout.bookworm.diffIds);
    const manifestJson = (await tarMembers(dockerArchive.path, ['manifest.json'])).get('manifest.json') ?? '[]';
    const dm = JSON.parse(manifestJson) as { RepoTags?: string[] }[];
    // skopeo writes the normalised name (docker save would write the familiar one).
    assert.deepEqual(dm[0]?.RepoTags, [`docker.io/${dockerArchive.reference}`]);
    t.diagnostic(
      `bookworm manifest ${ociLayout.bookworm.manifestDigest}, layer ${images.stats.layerBytes} B gzip / ${images.stats.rootfsBytes} B tar`,
    );
  });

  it('is bookworm from the main suite only (pending security updates), merged-usr', async (t) => {
    if (!images) return t.skip('no images');
    const files = await tarMembers(images.rootfsTar, [
      'usr/lib/os-release',
      'etc/os-release',
      'bin',
      'etc/apt/sources.list',
      'var/lib/dpkg/status',
    ]);
    assert.match(files.get('usr/lib/os-release') ?? '', /VERSION_CODENAME=bookworm/);
    assert.equal(files.get('etc/os-release'), '-> ../usr/lib/os-release');
    assert.equal(files.get('bin'), '-> usr/bin');
    const sources = files.get('etc/apt/sources.list') ?? '';
    assert.match(sources, / bookworm main/);
    assert.doesNotMatch(sources, /security|updates/);
    const packages = (files.get('var/lib/dpkg/status') ?? '').match(/^Package: /gm)?.length ?? 0;
    assert.ok(packages > 80 && packages < 120, `${packages} packages`);
    t.diagnostic(`${packages} dpkg packages`);
  });

  it('has a two-platform index whose digest skopeo agrees with', async (t) => {
    if (!images) return t.skip('no images');
    const m = images.multiArchLayout;
    const raw = await skopeoInspectRaw(`oci:${m.dir}:${m.tag}`);
    assert.equal(raw.digest, m.indexDigest);
    assert.equal(raw.mediaType, 'application/vnd.oci.image.index.v1+json');
    const index = JSON.parse(raw.raw.toString('utf8')) as {
      manifests: { digest: string; platform: { architecture: string; os: string } }[];
    };
    assert.deepEqual(
      index.manifests.map((d) => [d.platform.os, d.platform.architecture, d.digest]),
      [
        ['linux', 'amd64', m.manifests.amd64.manifestDigest],
        ['linux', 'arm64', m.manifests.arm64.manifestDigest],
      ],
    );
  });
});

describe('cache lock', () => {
  it('serialises concurrent builders and breaks a lock left by a dead process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drydock-lock-'));
    try {
      const lock = join(dir, 'x.lock');
      let inside = 0;
      let maxInside = 0;
      const work = () =>
        withDirLock(lock, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(100);
          inside--;
        });
      await Promise.all([work(), work(), work()]);
      assert.equal(maxInside, 1);

      // A lock whose owner process is gone.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      });
      await withDirLock(lock, async () => undefined);
      await mkdir(lock);
      await writeFile(join(lock, 'owner'), JSON.stringify({ pid: Number(dead.stdout), host: hostname() }));
      const t0 = Date.now();
      await withDirLock(lock, async () => undefined);
      assert.ok(Date.now() - t0 < 2000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('registry (docker-registry 2.8, 127.0.0.1)', () => {
  let images: TestImages | undefined;
  before(async () => {
    images = await ensureTestImages().catch(() => undefined);
  });

  for (const auth of ['none', 'basic', 'token'] as const) {
    it(`auth=${auth}: accepts a push with the right credentials, and skopeo reads the same digest`, async (t) => {
      if (!images) return t.skip('no test images');
      const reg = await startRegistry({ auth });
      try {
        const creds = { username: reg.username, password: reg.password };
        const ref = `${reg.host}/drydock/bookworm:1`;
        const t0 = Date.now();
        const pushed = await pushImage(`oci:${images.ociLayout.dir}:bookworm`, ref, { creds });
        t.diagnostic(`push ${images.stats.layerBytes} B: ${Date.now() - t0} ms`);
        assert.equal(pushed, images.ociLayout.bookworm.manifestDigest);
        assert.equal(await skopeoInspect(ref, creds), pushed);
        if (auth === 'none') return;

        // Anonymous: 401 with the right challenge.
        const anon = await fetch(`${reg.url}/v2/drydock/bookworm/manifests/1`, { headers: { accept: OCI_ACCEPT } });
        assert.equal(anon.status, 401);
        const challenge = anon.headers.get('www-authenticate') ?? '';
        assert.match(
          challenge,
          auth === 'basic' ? /^Basic realm=/ : /^Bearer realm="http:\/\/127\.0\.0\.1:\d+\/token"/,
        );

        // Wrong password: 401 (basic: from the registry; token: from the token server), and skopeo fails.
        if (auth === 'basic') {
          const bad = await fetch(`${reg.url}/v2/`, { headers: { authorization: basic(reg.username, 'wrong') } });
          assert.equal(bad.status, 401);
          const good = await fetch(`${reg.url}/v2/`, { headers: { authorization: basic(reg.username, reg.password) } });
          assert.equal(good.status, 200);
        } else {
          const realm = reg.token?.realm ?? '';
          const q = `?service=${reg.token?.service}&scope=repository:drydock/bookworm:pull`;
          const bad = await fetch(realm + q, { headers: { authorization: basic(reg.username, 'wrong') } });
          assert.equal(bad.status, 401);
          // The token flow by hand: the JWT's claims satisfy Distribution.
          const ok = await fetch(realm + q, { headers: { authorization: basic(reg.username, reg.password) } });
          assert.equal(ok.status, 200);
          const body = (await ok.json()) as { token: string; access_token: string; expires_in: number };
          assert.equal(body.token, body.access_token);
          assert.ok(body.expires_in > 0);
          const m = await fetch(`${reg.url}/v2/drydock/bookworm/manifests/1`, {
            headers: { accept: OCI_ACCEPT, authorization: `Bearer ${body.token}` },
          });
          assert.equal(m.status, 200);
          assert.equal(m.headers.get('docker-content-digest'), pushed);
          assert.equal(sha256(Buffer.from(await m.arrayBuffer())), pushed);
          // A pull-only token cannot push: the registry asks for more scope.
          const up = await fetch(`${reg.url}/v2/drydock/bookworm/blobs/uploads/`, {
            method: 'POST',
            headers: { authorization: `Bearer ${body.token}` },
          });
          assert.equal(up.status, 401);
          assert.ok(reg.tokenRequests.some((r) => r.outcome === 'denied'));
        }
        await assert.rejects(
          skopeoInspect(ref, { username: reg.username, password: 'wrong' }),
          /unauthorized|invalid username\/password/,
        );
      } finally {
        await reg.stop();
      }
    });
  }

  it('takes the multi-arch index (token auth) and a v2s2 conversion', async (t) => {
    if (!images) return t.skip('no test images');
    const reg = await startRegistry({ auth: 'token' });
    try {
      const creds = { username: reg.username, password: reg.password };
      const m = images.multiArchLayout;
      const pushed = await pushImage(`oci:${m.dir}:${m.tag}`, `${reg.host}/drydock/multi:1`, {
        creds,
        multiArch: true,
      });
      assert.equal(pushed, m.indexDigest);
      assert.equal(
        await skopeoInspect(`${reg.host}/drydock/multi@${m.manifests.arm64.manifestDigest}`, creds),
        m.manifests.arm64.manifestDigest,
      );

      const v2s2 = await pushImage(`oci:${images.ociLayout.dir}:bookworm`, `${reg.host}/drydock/v2s2:1`, {
        creds,
        format: 'v2s2',
      });
      const raw = await skopeoInspectRaw(`${reg.host}/drydock/v2s2:1`, creds);
      assert.equal(raw.digest, v2s2);
      assert.equal(raw.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');

      const fromArchive = await pushImage(`docker-archive:${images.dockerArchive.path}`, `${reg.host}/drydock/da:1`, {
        creds,
      });
      assert.equal(await skopeoInspect(`${reg.host}/drydock/da:1`, creds), fromArchive);
    } finally {
      await reg.stop();
    }
  });

  it('stop() ends the registry and frees the port', async () => {
    const reg = await startRegistry();
    await reg.stop();
    await assert.rejects(fetch(`${reg.url}/v2/`));
  });
});

describe('fault proxy', () => {
  let images: TestImages | undefined;
  let reg: RunningRegistry | undefined;
  const repo = 'drydock/bookworm';
  before(async () => {
    images = await ensureTestImages().catch(() => undefined);
    if (!images) return;
    reg = await startRegistry({ auth: 'basic' });
    await pushImage(`oci:${images.ociLayout.dir}:bookworm`, `${reg.host}/${repo}:1`, {
      creds: { username: reg.username, password: reg.password },
    });
  });
  after(async () => {
    await reg?.stop();
  });

  const withProxy = async (
    rules: Parameters<typeof startFaultProxy>[1],
    fn: (p: FaultProxy, get: (path: string, init?: RequestInit) => Promise<Response>) => Promise<void>,
  ) => {
    if (!reg) throw new Error('no registry');
    const r = reg;
    const proxy = await startFaultProxy(r.url, rules);
    const get = (path: string, init: RequestInit = {}) =>
      fetch(proxy.url + path, {
        ...init,
        headers: { accept: OCI_ACCEPT, authorization: basic(r.username, r.password), ...init.headers },
      });
    try {
      await fn(proxy, get);
    } finally {
      await proxy.stop();
    }
  };

  it('forwards requests with their credentials and streams answers back', async (t) => {
    if (!images || !reg) return t.skip('no test images');
    await withProxy([], async (proxy, get) => {
      const res = await get(`/v2/${repo}/manifests/1`);
      assert.equal(res.status, 200);
      assert.equal(sha256(Buffer.from(await res.arrayBuffer())), images?.ociLayout.bookworm.manifestDigest);
      const layer = images?.ociLayout.bookworm.layerDigests[0] ?? '';
      const blob = await get(`/v2/${repo}/blobs/${layer}`);
      assert.equal(sha256(Buffer.from(await blob.arrayBuffer())), layer);
      const noAuth = await fetch(`${proxy.url}/v2/`);
      assert.equal(noAuth.status, 401);
      // A push through the proxy: upload Locations point back at the proxy.
      const creds = { username: reg?.username ?? '', password: reg?.password ?? '' };
      await pushImage(`oci:${images?.ociLayout.dir}:arm64`, `${proxy.host}/drydock/arm:1`, { creds });
      assert.ok(proxy.log.some((e) => e.method === 'PUT' && /manifests\/1$/.test(e.path) && e.status === 201));
    });
  });

  it('injects status faults (429 + Retry-After, 500, 503, 401, 404), the first N times only', async (t) => {
    if (!images || !reg) return t.skip('no test images');
    const manifest = /\/manifests\//;
    for (const [status, retryAfter] of [
      [429, 3],
      [500, undefined],
      [503, 1],
      [401, undefined],
      [404, undefined],
    ] as const) {
      await withProxy(
        [
          {
            method: 'GET',
            path: manifest,
            times: 2,
            fault: { kind: 'status', status, ...(retryAfter ? { retryAfter } : {}) },
          },
        ],
        async (proxy, get) => {
          for (let i = 0; i < 2; i++) {
            const res = await get(`/v2/${repo}/manifests/1`);
            assert.equal(res.status, status);
            assert.equal(res.headers.get('retry-after'), retryAfter === undefined ? null : String(retryAfter));
            const body = (await res.json()) as { errors: { code: string }[] };
            assert.ok(body.errors[0]?.code);
          }
          const head = await get(`/v2/${repo}/manifests/1`, { method: 'HEAD' });
          assert.equal(head.status, 200, 'HEAD is not matched by a GET rule');
          assert.equal((await get(`/v2/${repo}/manifests/1`)).status, 200, 'third GET is forwarded');
          assert.equal(proxy.hits(0), 2);
        },
      );
    }
  });

  it('resets the connection', async (t) => {
    if (!images || !reg) return t.skip('no test images');
    await withProxy([{ path: /\/manifests\//, times: 1, fault: { kind: 'reset' } }], async (_proxy, get) => {
      await assert.rejects(get(`/v2/${repo}/manifests/1`), (e: Error) => {
        const cause = (e as Error & { cause?: { code?: string } }).cause;
        assert.match(String(cause?.code ?? e.message), /ECONNRESET|UND_ERR_SOCKET|other side closed/);
        return true;
      });
      assert.equal((await get(`/v2/${repo}/manifests/1`)).status, 200);
    });
  });

  it('corrupts and truncates blob bodies', async (t) => {
    if (!images || !reg) return t.skip('no test images');
    const layer = images.ociLayout.bookworm.layerDigests[0] ?? '';
    await withProxy(
      [
        { path: /\/blobs\//, times: 1, fault: { kind: 'corrupt' } },
        { path: /\/blobs\//, times: 1, fault: { kind: 'truncate', bytes: 1_000_000 } },
      ],
      async (proxy, get) => {
        const corrupt = Buffer.from(await (await get(`/v2/${repo}/blobs/${layer}`)).arrayBuffer());
        assert.equal(corrupt.length, images?.stats.layerBytes, 'same length');
        assert.notEqual(sha256(corrupt), layer);

        const res = await get(`/v2/${repo}/blobs/${layer}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-length'), String(images?.stats.layerBytes));
        let received = 0;
        await assert.rejects(async () => {
          for await (const chunk of res.body ?? []) received += (chunk as Uint8Array).length;
        });
        assert.equal(received, 1_000_000);

        const whole = Buffer.from(await (await get(`/v2/${repo}/blobs/${layer}`)).arrayBuffer());
        assert.equal(sha256(whole), layer);
        assert.deepEqual([proxy.hits(0), proxy.hits(1)], [1, 1]);
      },
    );
  });

  it('delays answers', async (t) => {
    if (!images || !reg) return t.skip('no test images');
    await withProxy([{ path: /^\/v2\/$/, fault: { kind: 'delay', ms: 300 } }], async (_p, get) => {
      const t0 = Date.now();
      assert.equal((await get('/v2/')).status, 200);
      assert.ok(Date.now() - t0 >= 290);
    });
  });
});

describe('evil layers', () => {
  it('keeps hostile names verbatim and writes a layout skopeo can read', async () => {
    const layers = await buildEvilLayers();
    const names = async (tar: Buffer) => {
      const ex = extract();
      const out: [string, string, string | null][] = [];
      const done = (async () => {
        for await (const e of ex) {
          out.push([e.header.name, e.header.type ?? 'file', e.header.linkname ?? null]);
          e.resume();
        }
      })();
      ex.end(tar);
      await done;
      return out;
    };
    assert.deepEqual(
      (await names(layers.pathTraversal.tar)).map((e) => e[0]),
      ['ok.txt', '../../etc/passwd', 'a/../../b'],
    );
    assert.deepEqual((await names(layers.absolutePath.tar))[0], ['/abs/path', 'file', null]);
    assert.deepEqual((await names(layers.symlinkEscape.tar)).slice(1), [
      ['etc/shadow', 'symlink', '/etc/shadow'],
      ['x', 'symlink', '../../../../etc'],
    ]);
    assert.deepEqual((await names(layers.hardlinkEscape.tar))[1], ['etc/passwd-link', 'link', '../../etc/passwd']);
    assert.ok((await names(layers.whiteouts.tar)).some((e) => e[0] === 'opaque/.wh..wh..opq'));
    assert.equal(layers.base.digest, sha256(layers.base.blob));
    assert.equal(layers.base.diffId, sha256(layers.base.tar));
    assert.equal(EVIL_ENTRIES.overwrite[0].name, 'etc/motd');

    const zstd = await buildEvilLayers('zstd');
    assert.equal(zstd.base.diffId, layers.base.diffId, 'same tar, other compression');
    assert.equal(zstd.base.mediaType, 'application/vnd.oci.image.layer.v1.tar+zstd');

    const dir = await mkdtemp(join(tmpdir(), 'drydock-evil-'));
    try {
      const layout = await writeOciLayout(dir, [layers.base, layers.whiteouts, layers.overwrite], { tag: 'stack' });
      assert.equal(layout.ref, `oci-dir:${dir}:stack`);
      assert.equal(await skopeoInspect(`oci:${dir}:stack`), layout.manifestDigest);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
