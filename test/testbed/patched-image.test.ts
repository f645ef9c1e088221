import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run } from './exec.js';
import { testImagesOrSkip } from './images.js';
import {
  ensurePatchedImage,
  type PatchedImage,
  patchedImageHash,
  patchedImageOrSkip,
  utcDay,
} from './patched-image.js';

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

async function tarFile(tar: string, path: string): Promise<string> {
  return (await run('tar', ['-xOf', tar, `./${path}`])).stdout.toString('utf8');
}

/** name → version of the installed packages, read with a regex (not drydock's dpkg parser). */
function versions(status: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const stanza of status.split(/\n\n+/)) {
    const name = /^Package: (\S+)$/m.exec(stanza)?.[1];
    const version = /^Version: (\S+)$/m.exec(stanza)?.[1];
    if (name && version) out.set(name, version);
  }
  return out;
}

describe('patched bookworm test image (bookworm + -updates + -security, cached per UTC day)', () => {
  let image: PatchedImage | undefined;

  it("builds (or loads today's cache) with sources.list naming all three suites", async (t) => {
    const dayBefore = utcDay();
    const started = Date.now();
    image = await patchedImageOrSkip(t);
    if (!image) return;
    t.diagnostic(
      `${image.built ? 'built' : 'cache hit'} in ${Date.now() - started} ms (cold build took ${image.stats.buildMs} ms, at ${image.builtAt}): ${image.dir}`,
    );
    assert.equal(await ensurePatchedImage(), await ensurePatchedImage());
    // The cache key is the UTC day: a run across midnight may see either day.
    assert.ok([dayBefore, utcDay()].includes(image.day), image.day);
    assert.equal(image.recipeHash, await patchedImageHash(image.day));
    assert.notEqual(await patchedImageHash('2000-01-01'), image.recipeHash, 'another day, another cache entry');
    assert.equal(image.dir.endsWith(image.recipeHash), true);

    const sources = await tarFile(image.rootfsTar, 'etc/apt/sources.list');
    assert.equal(sources, image.sourcesList);
    const lines = sources.trimEnd().split('\n');
    assert.deepEqual(lines, [
      `deb ${image.mirror} bookworm main`,
      `deb ${image.mirror} bookworm-updates main`,
      `deb ${image.securityMirror} bookworm-security main`,
    ]);
    // Nothing else adds sources: the listing of etc/apt/sources.list.d is empty.
    const listing = (await run('tar', ['-tf', image.rootfsTar])).stdout.toString('utf8').split('\n');
    assert.deepEqual(
      listing.filter((p) => p.startsWith('./etc/apt/sources.list.d/') && p !== './etc/apt/sources.list.d/'),
      [],
    );
  });

  it('holds the rootfs as its one layer in the OCI layout and the docker-archive', async (t) => {
    if (!image) return t.skip('no image');
    const diffId = await sha256File(image.rootfsTar);
    assert.deepEqual(image.ociLayout.diffIds, [diffId]);
    assert.deepEqual(image.dockerArchive.diffIds, [diffId]);
    assert.deepEqual(image.dockerArchive.layerDigests, [diffId]);
    assert.equal(image.dockerArchive.configDigest, image.ociLayout.configDigest);
    assert.equal(image.dockerArchive.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    const manifest = JSON.parse(
      (await run('tar', ['-xOf', image.dockerArchive.path, 'manifest.json'])).stdout.toString('utf8'),
    ) as { RepoTags?: string[] }[];
    // skopeo writes the tag fully qualified, as `docker save` does.
    assert.deepEqual(manifest[0]?.RepoTags, [`docker.io/${image.dockerArchive.reference}`]);
    const index = JSON.parse(await readFile(join(image.ociLayout.dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations?: Record<string, string> }[];
    };
    assert.deepEqual(
      index.manifests.map((m) => [m.annotations?.['org.opencontainers.image.ref.name'], m.digest]),
      [[image.ociLayout.tag, image.ociLayout.manifestDigest]],
    );
  });

  it('has the stale image’s packages, the security-fixed ones at higher versions (dpkg --compare-versions)', async (t) => {
    if (!image) return t.skip('no image');
    const stale = await testImagesOrSkip(t);
    if (!stale) return;
    const patched = versions(await tarFile(image.rootfsTar, 'var/lib/dpkg/status'));
    const old = versions(await tarFile(stale.rootfsTar, 'var/lib/dpkg/status'));
    assert.equal(patched.size, image.stats.dpkgPackages);
    // Same minbase package set: the suites only change versions.
    assert.deepEqual([...patched.keys()].sort(), [...old.keys()].sort());
    const newer: string[] = [];
    for (const [name, version] of patched) {
      const before = old.get(name) ?? '';
      if (version === before) continue;
      // Exit 0 when the first is greater: dpkg's own version order, not drydock's.
      await run('dpkg', ['--compare-versions', version, 'gt', before]);
      newer.push(`${name} ${before} → ${version}`);
    }
    assert.ok(newer.length >= 5, `only ${newer.length} packages newer than in the stale image`);
    t.diagnostic(`${patched.size} packages, ${newer.length} newer than the stale image: ${newer.join(', ')}`);
  });
});
