import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';
import { buildLayer, sha256, writeOciLayout } from '../../test/testbed/evil-layers.js';
import { TestbedUnavailableError } from '../../test/testbed/exec.js';
import { startFaultProxy } from '../../test/testbed/fault-proxy.js';
import { pushImage, skopeoInspectRaw } from '../../test/testbed/push.js';
import { type RunningRegistry, startRegistry } from '../../test/testbed/registry.js';

/**
 * `drydock pin` / `drydock update` end to end against a real CNCF Distribution registry, with
 * images pushed by skopeo (the reference client, whose digests are the expectations).
 */

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

/** No host docker config, no ambient registry credentials: only what a test passes. */
function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = tmp('drydock-pin-home-');
  return {
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    DRYDOCK_CACHE_DIR: join(home, 'cache'),
    DRYDOCK_REGISTRY_USER: '',
    DRYDOCK_REGISTRY_PASSWORD: '',
    ...extra,
  };
}

/** A one-layer image whose content (hence digest) is decided by `marker`, as an OCI layout. */
async function tinyImage(marker: string, architecture = 'amd64'): Promise<string> {
  const dir = tmp('drydock-pin-img-');
  const layer = await buildLayer([{ name: 'etc/marker', content: `${marker}\n` }]);
  await writeOciLayout(dir, [layer], { tag: 'v', architecture });
  return `oci:${dir}:v`;
}

/** An OCI layout whose tag `multi` is an image index of an amd64 and an arm64 image. */
async function multiArchLayout(): Promise<string> {
  const dir = tmp('drydock-pin-multi-');
  const manifests = [];
  for (const architecture of ['amd64', 'arm64']) {
    const layer = await buildLayer([{ name: 'etc/arch', content: `${architecture}\n` }]);
    const written = await writeOciLayout(dir, [layer], { tag: architecture, architecture });
    const size = statSync(join(dir, 'blobs/sha256', written.manifestDigest.slice(7))).size;
    manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: written.manifestDigest,
      size,
      platform: { os: 'linux', architecture },
    });
  }
  const index = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }),
  );
  const digest = sha256(index);
  await writeFile(join(dir, 'blobs/sha256', digest.slice(7)), index);
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest,
          size: index.length,
          annotations: { 'org.opencontainers.image.ref.name': 'multi' },
        },
      ],
    }),
  );
  return `oci:${dir}:multi`;
}

/** Every file under `dir` with its bytes and mtime: "untouched" means all three are equal. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isFile()) out.set(name, `${s.mtimeMs} ${readFileSync(p, 'base64')}`);
  }
  return out;
}

/** The project files of the proof: a Dockerfile with two different bases, a compose file and a manifest. */
function writeProject(dir: string, base: string, other: string): Record<string, string> {
  const files: Record<string, string> = {
    Dockerfile: [
      `ARG BASE=${base}`,
      'FROM ${BASE} AS build',
      'RUN echo build',
      `FROM ${other}`,
      'COPY --from=build /etc/marker /marker',
      '',
    ].join('\n'),
    'compose.yaml': [
      'services:',
      '  app:',
      `    image: "${base}"`,
      '  sidecar:',
      `    image: ${other} # keep`,
      '',
    ].join('\n'),
    'k8s/deploy.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: app}',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      `        - {name: init, image: ${other}}`,
      '      containers:',
      '        - name: app',
      `          image: ${base}`,
      '',
    ].join('\n'),
  };
  mkdirSync(join(dir, 'k8s'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return files;
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

async function registryOrSkip(t: { skip(m?: string): void }, options: Parameters<typeof startRegistry>[0] = {}) {
  try {
    return await startRegistry(options);
  } catch (e) {
    if (e instanceof TestbedUnavailableError && process.env.DRYDOCK_TESTBED_REQUIRED !== '1') {
      t.skip(e.message);
      return undefined;
    }
    throw e;
  }
}

describe('drydock pin / update against a real registry', { timeout: 300_000 }, () => {
  let reg: RunningRegistry | undefined;
  const images: Record<string, string> = {};
  const timings: Record<string, number> = {};

  before(async () => {
    reg = await registryOrSkip({ skip() {} });
    if (!reg) return;
    const [a, b, c] = await Promise.all([tinyImage('A'), tinyImage('B'), tinyImage('C')]);
    images.a = a;
    images.b = b;
    images.c = c;
  });

  after(async () => {
    await reg?.stop();
    if (Object.keys(timings).length > 0)
      process.stderr.write(`pin-registry timings (ms): ${JSON.stringify(timings)}\n`);
  });

  it('pins, then after a re-push of one tag, update moves exactly that reference in Dockerfile, compose and k8s', async (t) => {
    if (!reg) return t.skip('testbed registry unavailable');
    const base = `${reg.host}/lib/base:1`;
    const other = `${reg.host}/lib/other:1`;
    const digestA = await pushImage(images.a ?? '', base);
    const digestC = await pushImage(images.c ?? '', other);
    const dir = tmp('drydock-pin-proj-');
    const original = writeProject(dir, base, other);
    const lock = join(dir, 'drydock.lock');

    let t0 = Date.now();
    const pin = await runCli(['pin', dir, '--lock', '--lock-file', lock], cliEnv());
    timings.pin = Date.now() - t0;
    assert.equal(pin.code, 0, pin.stderr);
    const pinnedBase = `${base}@${digestA}`;
    const pinnedOther = `${other}@${digestC}`;
    const expectPinned = (name: string) =>
      (original[name] ?? '').replaceAll(base, pinnedBase).replaceAll(`${other}`, pinnedOther);
    for (const name of Object.keys(original)) assert.equal(read(dir, name), expectPinned(name), name);
    assert.match(pin.stdout, /6 pinned; 3 files rewritten/);
    const lockText = read(dir, 'drydock.lock');
    assert.match(lockText, new RegExp(`${reg.host.replace('.', '\\.')}/lib/base:1:\\n\\s+digest: ${digestA}`));

    // Pinning again changes nothing.
    const again = await runCli(['pin', dir, '--lock-file', lock], cliEnv());
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /6 already pinned; 0 files to rewrite/);

    const digestB = await pushImage(images.b ?? '', base);
    assert.notEqual(digestB, digestA);
    const before = snapshot(dir);
    const check = await runCli(['update', '--check', dir, '--lock-file', lock], cliEnv());
    assert.equal(check.code, 1, check.stderr);
    assert.deepEqual(snapshot(dir), before, '--check writes nothing');

    const out = tmp('drydock-pin-pr-');
    t0 = Date.now();
    const update = await runCli(
      ['update', dir, '--lock-file', lock, '--pr-body', join(out, 'body.md'), '--pr-title', join(out, 'title.txt')],
      cliEnv(),
    );
    timings.update = Date.now() - t0;
    assert.equal(update.code, 0, update.stderr);
    for (const name of Object.keys(original)) {
      // Only the base's digest moved; the other base's digest in the same file is untouched.
      assert.equal(read(dir, name), expectPinned(name).replaceAll(digestA, digestB), name);
      assert.ok(read(dir, name).includes(pinnedOther), `${name} keeps ${pinnedOther}`);
    }
    assert.match(update.stdout, new RegExp(`lib/base:1: ${digestA} → ${digestB}`));
    assert.match(update.stdout, /3 updated, 3 current; 3 files rewritten/);
    assert.equal(read(out, 'title.txt'), `Update ${base} to its current digest\n`);
    const body = read(out, 'body.md');
    assert.match(body, new RegExp(`\`${base}\`: \`${digestA}\` → \`${digestB}\``));
    assert.match(body, /compose\.yaml:3:13<br>.*Dockerfile:2:6<br>.*k8s\/deploy\.yaml:11:18 \|/);
    assert.doesNotMatch(body, /lib\/other/);
    assert.match(read(dir, 'drydock.lock'), new RegExp(`digest: ${digestB}`));

    const clean = await runCli(['update', '--check', dir, '--lock-file', lock], cliEnv());
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /6 current; 0 files to rewrite/);

    // --offline pins a fresh copy from the lock alone, against a registry address nobody listens on.
    const offline = tmp('drydock-pin-offline-');
    writeProject(offline, base, other);
    const res = await runCli(['pin', offline, '--offline', '--lock-file', lock], cliEnv());
    assert.equal(res.code, 0, res.stderr);
    assert.equal(read(offline, 'Dockerfile'), expectPinned('Dockerfile').replaceAll(digestA, digestB));
  });

  it('a multi-arch tag pins to the index digest, equal to sha256 of `skopeo inspect --raw`', async (t) => {
    if (!reg) return t.skip('testbed registry unavailable');
    const ref = `${reg.host}/lib/multi:1`;
    const pushed = await pushImage(await multiArchLayout(), ref, { multiArch: true });
    const raw = await skopeoInspectRaw(ref);
    assert.equal(raw.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.equal(raw.digest, pushed);
    const dir = tmp('drydock-pin-multi-proj-');
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${ref}\n`);
    const r = await runCli(['pin', join(dir, 'Dockerfile'), '--lock-file', join(dir, 'drydock.lock')], cliEnv());
    assert.equal(r.code, 0, r.stderr);
    assert.equal(read(dir, 'Dockerfile'), `FROM ${ref}@${raw.digest}\n`);
    const manifests = (JSON.parse(raw.raw.toString('utf8')) as { manifests: { digest: string }[] }).manifests;
    assert.equal(manifests.length, 2);
    for (const m of manifests) assert.ok(!read(dir, 'Dockerfile').includes(m.digest), 'not a platform manifest');
  });

  it('a missing tag (404) is one line naming file:line and the reference; no file is touched', async (t) => {
    if (!reg) return t.skip('testbed registry unavailable');
    const good = `${reg.host}/lib/other:1`;
    const missing = `${reg.host}/lib/base:does-not-exist`;
    const dir = tmp('drydock-pin-404-');
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${good} AS a\n\nFROM ${missing}\n`);
    writeFileSync(join(dir, 'compose.yaml'), `services:\n  a:\n    image: ${good}\n`);
    const before = snapshot(dir);
    const r = await runCli(['pin', dir, '--lock', '--lock-file', join(dir, 'drydock.lock')], cliEnv());
    assert.equal(r.code, 2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('drydock: error:'));
    assert.deepEqual(errors, [
      `drydock: error: ${join(dir, 'Dockerfile')}:3:6: ${missing}: tag does-not-exist not found in ${reg.host}/lib/base`,
    ]);
    assert.match(r.stderr, /drydock: no file was changed\n$/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('401 without credentials is one line, files untouched; with credentials it pins', async (t) => {
    const secured = await registryOrSkip(t, { auth: 'basic' });
    if (!secured) return;
    try {
      const ref = `${secured.host}/private/app:1`;
      const creds = { username: secured.username, password: secured.password };
      const digest = await pushImage(images.a ?? (await tinyImage('A')), ref, { creds });
      const dir = tmp('drydock-pin-401-');
      writeFileSync(join(dir, 'Dockerfile'), `FROM ${ref}\n`);
      const before = snapshot(dir);
      const denied = await runCli(['pin', dir, '--lock-file', join(dir, 'drydock.lock')], cliEnv());
      assert.equal(denied.code, 2);
      const line = denied.stderr.split('\n')[0] ?? '';
      assert.equal(
        line,
        `drydock: error: ${join(dir, 'Dockerfile')}:1:6: ${ref}: 401 Unauthorized: ${secured.host} requires authentication and no credentials were found`,
      );
      assert.ok(!denied.stderr.includes(secured.password));
      assert.deepEqual(snapshot(dir), before);
      const ok = await runCli(
        ['pin', dir, '--lock-file', join(dir, 'drydock.lock')],
        cliEnv({ DRYDOCK_REGISTRY_USER: secured.username, DRYDOCK_REGISTRY_PASSWORD: secured.password }),
      );
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(read(dir, 'Dockerfile'), `FROM ${ref}@${digest}\n`);
    } finally {
      await secured.stop();
    }
  });

  it('one HEAD per distinct tag per run, and a 429 with Retry-After is waited out', async (t) => {
    if (!reg) return t.skip('testbed registry unavailable');
    await pushImage(images.a ?? '', `${reg.host}/lib/rate:1`);
    await pushImage(images.c ?? '', `${reg.host}/lib/calm:1`);
    const proxy = await startFaultProxy(reg.url, [
      {
        method: 'HEAD',
        path: /\/lib\/rate\/manifests\//,
        times: 1,
        fault: { kind: 'status', status: 429, retryAfter: 1 },
      },
    ]);
    try {
      const rate = `${proxy.host}/lib/rate:1`;
      const calm = `${proxy.host}/lib/calm:1`;
      const dir = tmp('drydock-pin-429-');
      writeProject(dir, rate, calm);
      const t0 = Date.now();
      const r = await runCli(['pin', dir, '--lock-file', join(dir, 'drydock.lock')], cliEnv());
      timings.pin429 = Date.now() - t0;
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /6 pinned/);
      const heads = (repo: string) =>
        proxy.log.filter((e) => e.method === 'HEAD' && e.path.includes(`/lib/${repo}/manifests/`)).map((e) => e.status);
      // Three references of each tag in three files: one request for each tag, plus the one retry.
      assert.deepEqual(heads('rate'), [429, 200]);
      assert.deepEqual(heads('calm'), [200]);
      assert.equal(proxy.log.filter((e) => e.method === 'GET' && e.path.includes('/manifests/')).length, 0);
      assert.ok(timings.pin429 >= 1000, 'Retry-After: 1 was honoured');
    } finally {
      await proxy.stop();
    }
  });
});
