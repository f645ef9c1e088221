// The same real bookworm image (mmdebstrap + umoci + skopeo, built by the testbed) read as a
// docker-archive, an oci-archive and an OCI layout must give one filesystem and skopeo's digests.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { testImagesOrSkip } from '../../test/testbed/images.js';
import { DockerArchiveSource } from './docker-archive/docker-archive.js';
import { squash } from './file-view.js';
import { OciArchiveSource } from './oci-archive/oci-archive.js';
import { OciLayoutSource } from './oci-layout/oci-layout.js';
import { parsePlatform } from './platform.js';
import type { Image, Source } from './types.js';

const STATUS = 'var/lib/dpkg/status';
const amd64 = parsePlatform('linux/amd64');

async function summary(image: Image) {
  const view = squash(image);
  const rows: string[] = [];
  let status = '';
  await view.walk(
    (e) => e.path === STATUS,
    (e, content) => {
      rows.push(`${e.path} ${e.type} ${e.mode.toString(8)} ${e.uid}:${e.gid} ${e.size} ${e.linkTarget ?? ''}`);
      if (content !== undefined) status = createHash('sha256').update(content).digest('hex');
    },
  );
  return { rows: rows.sort(), status, stats: view.stats };
}

describe('bookworm test image in three forms', () => {
  it('gives identical file views and skopeo’s digests', { timeout: 600_000 }, async (t) => {
    const images = await testImagesOrSkip(t);
    if (images === undefined) return;
    const sources: [string, Source][] = [
      ['docker-archive', new DockerArchiveSource(images.dockerArchive.path)],
      ['oci-archive', new OciArchiveSource(images.ociArchive.path, { tag: images.ociArchive.tag })],
      ['oci-dir', new OciLayoutSource(images.ociLayout.dir, { tag: images.ociLayout.tags.bookworm })],
    ];
    const expected = {
      'docker-archive': images.dockerArchive,
      'oci-archive': images.ociArchive,
      'oci-dir': images.ociLayout.bookworm,
    } as const;
    const results: Awaited<ReturnType<typeof summary>>[] = [];
    for (const [kind, source] of sources) {
      const image = await source.resolve({ platform: amd64 });
      const want = expected[kind as keyof typeof expected];
      assert.equal(image.configDigest, want.configDigest, `${kind} config`);
      assert.deepEqual(
        image.layers.map((l) => l.digest),
        want.layerDigests,
        `${kind} layers`,
      );
      assert.deepEqual(
        image.layers.map((l) => l.diffId),
        want.diffIds,
        `${kind} diff_ids`,
      );
      // Docker reports the config digest as the image's digest; OCI forms have a real manifest.
      assert.equal(image.manifestDigest, kind === 'docker-archive' ? want.configDigest : want.manifestDigest);
      const s = await summary(image);
      t.diagnostic(`${kind}: ${s.rows.length} entries, ${STATUS} sha256 ${s.status.slice(0, 12)}…`);
      results.push(s);
    }
    const [a, b, c] = results;
    assert.ok(a && b && c);
    assert.ok(a.rows.length > 1000, `only ${a.rows.length} entries`);
    assert.notEqual(a.status, '');
    assert.deepEqual(b.rows, a.rows);
    assert.deepEqual(c.rows, a.rows);
    assert.equal(b.status, a.status);
    assert.equal(c.status, a.status);
    assert.equal(a.stats.contentFiles, 1);
  });

  it('picks arm64 out of the multi-arch layout by platform', { timeout: 600_000 }, async (t) => {
    const images = await testImagesOrSkip(t);
    if (images === undefined) return;
    const m = images.multiArchLayout;
    const arm = await new OciLayoutSource(m.dir, { tag: m.tag }).resolve({ platform: parsePlatform('linux/arm64') });
    assert.equal(arm.indexDigest, m.indexDigest);
    assert.equal(arm.manifestDigest, m.manifests.arm64.manifestDigest);
    const x86 = await new OciLayoutSource(m.dir, { tag: m.tag }).resolve({ platform: amd64 });
    assert.equal(x86.manifestDigest, m.manifests.amd64.manifestDigest);
    await assert.rejects(
      new OciLayoutSource(m.dir, { tag: m.tag }).resolve({ platform: parsePlatform('linux/ppc64le') }),
      /the index offers linux\/amd64, linux\/arm64/,
    );
  });
});
