import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DrydockError } from '../../core/errors.js';
import { squash } from '../file-view.js';
import { OciLayoutSource } from '../oci-layout/oci-layout.js';
import {
  collect,
  makeTar,
  sha256,
  tagged,
  writeDockerArchive,
  writeIndex,
  writeOciImage,
} from '../oci-layout/testdata/fixtures.js';
import { TarIndex } from '../tar-index.js';
import { DockerArchiveSource, normalizeTag } from './docker-archive.js';

/** Host paths for fixtures (node:path is banned under src/sources/). */
const join = (...parts: string[]): string => parts.join('/');

const hasSkopeo = (() => {
  try {
    execFileSync('skopeo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('docker-archive source', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-da-'));
  const base = await makeTar([
    { name: 'etc/os-release', content: 'ID=debian\n' },
    { name: 'var/lib/dpkg/status', content: 'Package: base-files\n' },
  ]);
  const app = await makeTar([
    { name: 'var/lib/dpkg/status', content: 'Package: app\n' },
    { name: 'etc/.wh.os-release', content: '' },
  ]);
  const file = join(dir, 'two.tar');
  const written = await writeDockerArchive(file, [
    { tags: ['docker.io/library/base:latest'], layers: [base] },
    { tags: ['example.com/team/app:1.0', 'app:latest'], layers: [base, app] },
  ]);

  it('picks one of two images by name:tag, Docker name rules applied', async () => {
    const image = await DockerArchiveSource.parse(`${file}:example.com/team/app:1.0`).resolve();
    assert.equal(image.source, `docker-archive:${file}:example.com/team/app:1.0`);
    assert.equal(image.manifestDigest, written.configDigests[1]);
    assert.equal(image.configDigest, written.configDigests[1]);
    assert.deepEqual(
      image.layers.map((l) => l.digest),
      written.layerDigests[1],
    );
    assert.deepEqual(
      image.layers.map((l) => l.diffId),
      written.layerDigests[1],
    );
    const files = await collect(squash(image), () => true);
    assert.equal(files.get('var/lib/dpkg/status')?.content?.toString(), 'Package: app\n');
    assert.equal(files.get('var/lib/dpkg/status')?.entry.layer, written.layerDigests[1]?.[1]);
    assert.equal(files.has('etc/os-release'), false);

    for (const ref of ['base', 'base:latest', 'library/base', 'docker.io/library/base:latest']) {
      const b = await new DockerArchiveSource(file, ref).resolve();
      assert.equal(b.configDigest, written.configDigests[0], ref);
    }
    assert.equal(normalizeTag('docker.io/foo/bar:1'), 'foo/bar:1');
  });

  it('lists the tags when the archive holds several images and none or a wrong one is named', async () => {
    await assert.rejects(
      new DockerArchiveSource(file).resolve(),
      (e: unknown) =>
        e instanceof DrydockError &&
        e.message ===
          'the archive holds 2 images; name one: docker.io/library/base:latest, example.com/team/app:1.0, app:latest',
    );
    await assert.rejects(
      new DockerArchiveSource(file, 'nope:1').resolve(),
      (e: unknown) => e instanceof DrydockError && /no image tagged nope:1; the archive has/.test(e.message),
    );
  });

  it('reads a gzip-compressed archive (docker save | gzip)', async () => {
    const gz = join(dir, 'two.tar.gz');
    writeFileSync(gz, gzipSync(readFileSync(file)));
    const image = await new DockerArchiveSource(gz, 'base').resolve();
    const files = await collect(squash(image), (e) => e.path === 'etc/os-release');
    assert.equal(files.get('etc/os-release')?.content?.toString(), 'ID=debian\n');
  });

  it('detects a corrupt byte inside a layer of the archive', async () => {
    const bad = join(dir, 'bad.tar');
    const bytes = Buffer.from(readFileSync(file));
    const index = await TarIndex.open(file);
    const member = index.names().find((n) => n.endsWith('/layer.tar')) ?? '';
    const entry = index.get(member);
    assert.ok(entry);
    bytes[entry.offset + 600] = (bytes[entry.offset + 600] ?? 0) ^ 0x20;
    writeFileSync(bad, bytes);
    const image = await new DockerArchiveSource(bad, 'base').resolve();
    await assert.rejects(
      squash(image).walk(
        () => false,
        () => undefined,
      ),
      (e: unknown) =>
        e instanceof DrydockError && e.message.includes(`digest mismatch for layer ${image.layers[0]?.digest}`),
    );
  });

  it('follows Docker 25+ layer.tar symlinks to blobs/sha256 members', async () => {
    const layerDigest = sha256(base);
    const config = Buffer.from(
      JSON.stringify({ os: 'linux', architecture: 'arm64', rootfs: { type: 'layers', diff_ids: [layerDigest] } }),
    );
    const tar = await makeTar([
      { name: `blobs/sha256/${layerDigest.slice(7)}`, content: base },
      { name: `blobs/sha256/${sha256(config).slice(7)}`, content: config },
      { name: 'abc/layer.tar', type: 'symlink', linkname: `../blobs/sha256/${layerDigest.slice(7)}` },
      {
        name: 'manifest.json',
        content: JSON.stringify([
          { Config: `blobs/sha256/${sha256(config).slice(7)}`, RepoTags: ['x:1'], Layers: ['abc/layer.tar'] },
        ]),
      },
    ]);
    const f = join(dir, 'docker25.tar');
    writeFileSync(f, tar);
    const image = await new DockerArchiveSource(f).resolve();
    assert.deepEqual(image.platform, { os: 'linux', architecture: 'arm64' });
    assert.equal(image.layers[0]?.digest, layerDigest);
    const files = await collect(squash(image), () => false);
    assert.equal(files.has('var/lib/dpkg/status'), true);
    await assert.rejects(
      new DockerArchiveSource(f).resolve({ platform: { os: 'linux', architecture: 'amd64' } }),
      (e: unknown) => e instanceof DrydockError && e.message === 'the image is linux/arm64, not linux/amd64',
    );
  });

  it('matches what skopeo writes for an OCI image', { skip: !hasSkopeo && 'skopeo not installed' }, async () => {
    const layout = join(dir, 'layout');
    const img = writeOciImage(layout, { layers: [base, app], compression: 'gzip' });
    writeIndex(layout, [tagged(img.manifest, 'v1')]);
    const out = join(dir, 'skopeo.tar');
    execFileSync('skopeo', ['copy', '-q', `oci:${layout}:v1`, `docker-archive:${out}:drydock/test:v1`]);
    const fromArchive = await new DockerArchiveSource(out).resolve();
    const fromLayout = await new OciLayoutSource(layout, { tag: 'v1' }).resolve();
    assert.deepEqual(
      fromArchive.layers.map((l) => l.digest),
      [sha256(base), sha256(app)],
    );
    assert.deepEqual(
      fromArchive.layers.map((l) => l.diffId),
      fromLayout.layers.map((l) => l.diffId),
    );
    const a = await collect(squash(fromArchive), () => true);
    const b = await collect(squash(fromLayout), () => true);
    assert.deepEqual(
      [...a.values()].map((x) => [x.entry.path, x.entry.mode, x.entry.size, x.content?.toString()]),
      [...b.values()].map((x) => [x.entry.path, x.entry.mode, x.entry.size, x.content?.toString()]),
    );
  });
});
