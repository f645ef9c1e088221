import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';
import { type TestImages, testImagesOrSkip } from '../../test/testbed/images.js';
import { pushImage, skopeoInspect } from '../../test/testbed/push.js';
import { type RunningRegistry, startRegistry } from '../../test/testbed/registry.js';

/** Runs the CLI from source, async, so the in-process registry's token server keeps answering. */
const drydock = runCli;

interface Described {
  indexDigest: string | null;
  manifestDigest: string;
  configDigest: string;
  platform: string;
  layers: { digest: string; diffId: string }[];
}

describe('drydock image inspect / save and cache', () => {
  let images: TestImages | undefined;
  let registry: RunningRegistry | undefined;
  const cacheDir = mkdtempSync(join(tmpdir(), 'drydock-cli-cache-'));
  const env = { DRYDOCK_CACHE_DIR: cacheDir };

  before(async () => {
    // Each test skips on its own when the testbed is unavailable (and fails under DRYDOCK_TESTBED_REQUIRED).
    images = await testImagesOrSkip({ skip() {} });
    if (!images) return;
    registry = await startRegistry({ auth: 'basic' });
    await pushImage(
      `oci:${images.multiArchLayout.dir}:${images.multiArchLayout.tag}`,
      `${registry.host}/team/multi:1`,
      {
        creds: { username: registry.username, password: registry.password },
        multiArch: true,
      },
    );
  });
  after(async () => {
    await registry?.stop();
  });

  it('reads the same image from docker-archive, oci-archive and oci-dir', async (t) => {
    if (!images) return t.skip('testbed unavailable');
    const targets = [
      `docker-archive:${images.dockerArchive.path}`,
      images.ociArchive.path,
      `oci-dir:${images.ociLayout.dir}:${images.ociLayout.tags.bookworm}`,
    ];
    const described: Described[] = [];
    for (const target of targets) {
      const r = await drydock(['image', 'inspect', target, '-f', 'json'], env);
      assert.equal(r.code, 0, r.stderr);
      described.push(JSON.parse(r.stdout) as Described);
    }
    const [docker, ociArchive, ociDir] = described;
    // Same config and same uncompressed layer everywhere; the OCI forms share the manifest.
    assert.equal(docker?.configDigest, images.dockerArchive.configDigest);
    assert.equal(ociArchive?.manifestDigest, images.ociArchive.manifestDigest);
    assert.equal(ociDir?.manifestDigest, images.ociLayout.bookworm.manifestDigest);
    assert.deepEqual(new Set(described.map((d) => d.configDigest)).size, 1);
    assert.deepEqual(
      described.map((d) => d.layers.map((l) => l.diffId)),
      [images.ociLayout.bookworm.diffIds, images.ociLayout.bookworm.diffIds, images.ociLayout.bookworm.diffIds],
    );
  });

  it('pulls from a real registry with Basic auth; digests equal skopeo’s; a second run downloads nothing new', async (t) => {
    if (!images || !registry) return t.skip('testbed unavailable');
    const ref = `${registry.host}/team/multi:1`;
    const creds = { DRYDOCK_REGISTRY_USER: registry.username, DRYDOCK_REGISTRY_PASSWORD: registry.password };
    const r = await drydock(['image', 'inspect', ref, '--platform', 'linux/arm64', '-f', 'json'], { ...env, ...creds });
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as Described;
    const index = await skopeoInspect(`docker://${ref}`, { username: registry.username, password: registry.password });
    assert.equal(d.indexDigest, index);
    assert.equal(d.manifestDigest, images.multiArchLayout.manifests.arm64.manifestDigest);
    assert.equal(d.platform, 'linux/arm64/v8');
    const save = join(mkdtempSync(join(tmpdir(), 'drydock-save-')), 'layout');
    const saved = await drydock(['image', 'save', ref, '--platform', 'linux/amd64', '--to', `oci-dir:${save}`], {
      ...env,
      ...creds,
    });
    assert.equal(saved.code, 0, saved.stderr);
    const back = await drydock(['image', 'inspect', `oci-dir:${save}`, '-f', 'json'], env);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(
      (JSON.parse(back.stdout) as Described).manifestDigest,
      images.multiArchLayout.manifests.amd64.manifestDigest,
    );
    assert.equal(await skopeoInspect(`oci:${save}:1`), images.multiArchLayout.manifests.amd64.manifestDigest);
    const blobs = readdirSync(join(cacheDir, 'blobs', 'sha256')).length;
    const again = await drydock(['image', 'save', ref, '--platform', 'linux/amd64', '--to', `oci-dir:${save}2`], {
      ...env,
      ...creds,
    });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(readdirSync(join(cacheDir, 'blobs', 'sha256')).length, blobs);
    const info = await drydock(['cache', 'info', '-f', 'json'], env);
    assert.equal((JSON.parse(info.stdout) as { blobs: number }).blobs, blobs);
  });

  it('fails with one line and exit 2 for a wrong password, an unknown tag and a missing platform', async (t) => {
    if (!images || !registry) return t.skip('testbed unavailable');
    const wrong = await drydock(['image', 'inspect', `${registry.host}/team/multi:1`], {
      ...env,
      DRYDOCK_REGISTRY_USER: registry.username,
      DRYDOCK_REGISTRY_PASSWORD: 'hunter2-wrong',
    });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^drydock: error: .*team\/multi.*(401|unauthori[sz]ed|authentication)/im);
    assert.doesNotMatch(wrong.stderr, /hunter2/);
    const creds = { DRYDOCK_REGISTRY_USER: registry.username, DRYDOCK_REGISTRY_PASSWORD: registry.password };
    const missing = await drydock(['image', 'inspect', `${registry.host}/team/multi:nope`], { ...env, ...creds });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.split('\n')[0] ?? '', /^drydock: error: .*multi.*nope/);
    const platform = await drydock(['image', 'inspect', `${registry.host}/team/multi:1`, '--platform', 'linux/s390x'], {
      ...env,
      ...creds,
    });
    assert.equal(platform.code, 2);
    assert.match(platform.stderr, /linux\/amd64, linux\/arm64/);
    const badPlatform = await drydock(['image', 'inspect', 'x', '--platform', 'linux'], env);
    assert.equal(badPlatform.code, 2);
  });

  it('cache prune empties the cache', async () => {
    const r = await drydock(['cache', 'prune'], env);
    assert.equal(r.code, 0, r.stderr);
    const info = await drydock(['cache', 'info', '-f', 'json'], env);
    assert.equal((JSON.parse(info.stdout) as { blobs: number }).blobs, 0);
  });
});
