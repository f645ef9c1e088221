import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import { squash } from '../file-view.js';
import { OciArchiveSource } from '../oci-archive/oci-archive.js';
import { parsePlatform } from '../platform.js';
import type { Source } from '../types.js';
import { OciLayoutSource } from './oci-layout.js';
import { collect, makeTar, tagged, tarDirectory, writeBlob, writeIndex, writeOciImage } from './testdata/fixtures.js';

/** Host paths for fixtures (node:path is banned under src/sources/). */
const join = (...parts: string[]): string => parts.join('/');

const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

async function makeLayout() {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-oci-'));
  const base = await makeTar([
    { name: 'etc/os-release', content: 'ID=debian\n' },
    { name: 'var/lib/dpkg/status', content: 'Package: bash\n' },
  ]);
  const app = await makeTar([{ name: 'app/main', content: 'amd64 app' }]);
  const armApp = await makeTar([{ name: 'app/main', content: 'arm64 app' }]);
  const single = writeOciImage(dir, { layers: [base, app], compression: 'zstd' });
  const a = writeOciImage(dir, { layers: [base, app], platform: amd64 });
  const b = writeOciImage(dir, { layers: [base, armApp], platform: arm64, compression: 'none' });
  const index = writeBlob(
    dir,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { ...a.manifest, platform: amd64 },
          { ...b.manifest, platform: arm64 },
          {
            ...b.manifest,
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
          },
        ],
      }),
    ),
    'application/vnd.oci.image.index.v1+json',
  );
  // An index whose only entry is another index (what `skopeo copy --multi-arch all` of a nested index gives).
  const outer = writeBlob(
    dir,
    Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [index] })),
    'application/vnd.oci.image.index.v1+json',
  );
  writeIndex(dir, [tagged(single.manifest, 'single'), tagged(index, 'multi'), tagged(outer, 'nested')]);
  return { dir, single, a, b, index, outer };
}

describe('oci-layout and oci-archive sources', async () => {
  const layout = await makeLayout();
  const archive = join(mkdtempSync(join(tmpdir(), 'drydock-ocia-')), 'image.tar');
  tarDirectory(layout.dir, archive);
  const forms: [string, (spec: string) => Source][] = [
    ['oci-dir', (s) => OciLayoutSource.parse(`${layout.dir}${s}`)],
    ['oci-archive', (s) => OciArchiveSource.parse(`${archive}${s}`)],
  ];

  for (const [kind, open] of forms) {
    it(`${kind}: selects by tag, reads zstd layers, verifies digests`, async () => {
      const image = await open(':single').resolve();
      assert.equal(image.manifestDigest, layout.single.manifest.digest);
      assert.equal(image.configDigest, layout.single.config.digest);
      assert.deepEqual(
        image.layers.map((l) => l.digest),
        layout.single.layers.map((l) => l.digest),
      );
      assert.equal(image.indexDigest, undefined);
      assert.match(image.source, new RegExp(`^${kind}:.*:single$`));
      const files = await collect(squash(image), (e) => e.path === 'var/lib/dpkg/status');
      assert.equal(files.get('var/lib/dpkg/status')?.content?.toString(), 'Package: bash\n');
      assert.equal(files.get('app/main')?.entry.layer, layout.single.layers[1]?.digest);
    });

    it(`${kind}: picks the platform from an index, nested or not, skipping attestations`, async () => {
      for (const tag of [':multi', ':nested']) {
        const arm = await open(tag).resolve({ platform: parsePlatform('linux/arm64') });
        assert.equal(arm.manifestDigest, layout.b.manifest.digest);
        assert.equal(arm.indexDigest, layout.index.digest);
        assert.deepEqual(arm.platform, arm64);
        const files = await collect(squash(arm), () => true);
        assert.equal(files.get('app/main')?.content?.toString(), 'arm64 app');
        const x86 = await open(tag).resolve({ platform: amd64 });
        assert.equal(x86.manifestDigest, layout.a.manifest.digest);
      }
      await assert.rejects(
        open(':multi').resolve({ platform: parsePlatform('linux/riscv64') }),
        (e: unknown) => e instanceof DrydockError && /the index offers linux\/amd64, linux\/arm64\/v8$/.test(e.message),
      );
    });

    it(`${kind}: selects by digest and explains missing tags and ambiguous layouts`, async () => {
      const image = await open(`@${layout.a.manifest.digest}`).resolve();
      assert.equal(image.configDigest, layout.a.config.digest);
      await assert.rejects(
        open(':nope').resolve(),
        (e: unknown) =>
          e instanceof DrydockError && /no image tagged "nope"; the layout has single, multi, nested/.test(e.message),
      );
      await assert.rejects(
        open('').resolve(),
        (e: unknown) => e instanceof DrydockError && /holds 3 images; name one/.test(e.message),
      );
    });
  }

  it('rejects a tampered manifest, config or layer blob', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-oci-bad-'));
    const tar = await makeTar([{ name: 'f', content: 'x'.repeat(5000) }]);
    const img = writeOciImage(dir, { layers: [tar] });
    writeIndex(dir, [tagged(img.manifest, 'latest')]);
    const blob = (d: string) => join(dir, 'blobs', 'sha256', d.slice(7));
    const flip = (d: string, at: number) => {
      const b = readFileSync(blob(d));
      const copy = Buffer.from(b);
      copy[at] = (copy[at] ?? 0) ^ 1;
      writeFileSync(blob(d), copy);
      return () => writeFileSync(blob(d), b);
    };
    const source = new OciLayoutSource(dir, { tag: 'latest' });
    for (const d of [img.manifest.digest, img.config.digest]) {
      const restore = flip(d, 5);
      await assert.rejects(
        source.resolve(),
        (e: unknown) => e instanceof DrydockError && e.message.includes(`digest mismatch for blob ${d}`),
      );
      restore();
    }
    const layer = img.layers[0]?.digest ?? '';
    flip(layer, 30);
    const image = await source.resolve();
    await assert.rejects(
      squash(image).walk(
        () => false,
        () => undefined,
      ),
      (e: unknown) => e instanceof DrydockError && e.message.includes(`digest mismatch for layer ${layer}`),
    );
  });

  it('says what is wrong with something that is not a layout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-oci-none-'));
    await assert.rejects(
      new OciLayoutSource(dir).resolve(),
      (e: unknown) => e instanceof DrydockError && /no oci-layout file/.test(e.message),
    );
  });
});
