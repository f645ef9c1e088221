import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ensurePythonImage, type PythonImage, pythonImageOrSkip } from './python-image.js';

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

describe('python3 test image (mmdebstrap --include=python3,python3-pip, cached)', () => {
  let image: PythonImage | undefined;

  it('builds (or loads from the cache) with python3 and pip in it', async (t) => {
    const started = Date.now();
    image = await pythonImageOrSkip(t);
    if (!image) return;
    t.diagnostic(
      `${image.built ? 'built' : 'cache hit'} in ${Date.now() - started} ms (cold build took ${image.stats.buildMs} ms): ${image.dir}`,
    );
    assert.equal(await ensurePythonImage(), await ensurePythonImage());

    const root = image.rootfsDir;
    // merged-usr: python3 is a symlink to the versioned interpreter in usr/bin.
    assert.equal(await readlink(join(root, 'usr/bin/python3')), 'python3.11');
    assert.ok((await lstat(join(root, 'usr/bin/python3.11'))).isFile());
    const distPackages = join(root, 'usr/lib/python3/dist-packages');
    const pipInfo = (await readdir(distPackages)).filter((n) => /^pip-[\d.]+\.dist-info$/.test(n));
    assert.equal(pipInfo.length, 1, `pip dist-info in ${distPackages}`);
    const metadata = await readFile(join(distPackages, pipInfo[0] ?? '', 'METADATA'), 'utf8');
    assert.match(metadata, /^Name: pip$/m);
    assert.match(metadata, /^Version: 23\./m);

    const status = await readFile(join(root, 'var/lib/dpkg/status'), 'utf8');
    for (const pkg of ['python3', 'python3-pip', 'python3.11-minimal', 'libpython3.11-stdlib']) {
      assert.match(status, new RegExp(`^Package: ${pkg.replace('.', '\\.')}\\n`, 'm'), pkg);
    }
    const packages = status.match(/^Package: /gm)?.length ?? 0;
    assert.equal(packages, image.stats.dpkgPackages);
    assert.ok(packages > 110 && packages < 130, `${packages} packages`);
    // Main suite only, like the base image: the image has pending security updates.
    const sources = await readFile(join(root, 'etc/apt/sources.list'), 'utf8');
    assert.match(sources, / bookworm main/);
    assert.doesNotMatch(sources, /security|updates/);
    t.diagnostic(`${packages} dpkg packages, ${pipInfo[0]}`);
  });

  it('unpacked the rootfs with numeric owners, and the archives hold the same tar', async (t) => {
    if (!image) return t.skip('no image');
    const shadow = await lstat(join(image.rootfsDir, 'etc/shadow'));
    assert.equal(shadow.uid, 0);
    assert.equal(shadow.gid, 42, 'etc/shadow keeps group shadow (42)');
    assert.equal(shadow.mode & 0o777, 0o640);
    const diffId = await sha256File(image.rootfsTar);
    assert.deepEqual(image.ociLayout.diffIds, [diffId]);
    assert.deepEqual(image.dockerArchive.diffIds, [diffId]);
    assert.deepEqual(image.dockerArchive.layerDigests, [diffId]);
    assert.equal(image.dockerArchive.configDigest, image.ociLayout.configDigest);
    assert.equal(image.dockerArchive.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    const index = JSON.parse(await readFile(join(image.ociLayout.dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations?: Record<string, string> }[];
    };
    assert.deepEqual(
      index.manifests.map((m) => [m.annotations?.['org.opencontainers.image.ref.name'], m.digest]),
      [[image.ociLayout.tag, image.ociLayout.manifestDigest]],
    );
    t.diagnostic(
      `layer ${image.stats.layerBytes} B gzip / ${image.stats.rootfsBytes} B tar, manifest ${image.ociLayout.manifestDigest}`,
    );
  });
});
