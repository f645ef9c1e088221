import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildLayer, writeOciLayout } from '../../test/testbed/evil-layers.js';
import { DrydockError } from '../core/errors.js';
import { squash } from '../sources/file-view.js';
import { openSource } from '../sources/index.js';
import type { Image } from '../sources/types.js';
import { LayerTap } from './layer-tap.js';

/** Counts how often each layer is opened: the tee must not cost a second read. */
function counting(image: Image, opens: Map<string, number>): Image {
  return {
    ...image,
    layers: image.layers.map((l) => ({
      ...l,
      open: () => {
        opens.set(l.digest, (opens.get(l.digest) ?? 0) + 1);
        return l.open();
      },
    })),
  };
}

describe('LayerTap', () => {
  let dir = '';
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sees deleted and replaced files of lower layers while the squashed view reads each layer once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-tap-'));
    const layers = await Promise.all([
      buildLayer([
        { name: 'app/', type: 'directory' },
        { name: 'app/.env', content: 'TOKEN=1\n' },
        { name: 'app/keep.txt', content: 'kept\n' },
        { name: 'app/big.txt', content: 'x'.repeat(5000) },
      ]),
      buildLayer([
        { name: 'app/.wh..env', content: '' },
        { name: 'app/keep.txt', content: 'replaced\n' },
      ]),
      buildLayer([{ name: 'app/top.txt', content: 'top\n' }]),
    ]);
    const layout = await writeOciLayout(join(dir, 'oci'), layers);
    const source = await openSource(layout.ref);
    const opens = new Map<string, number>();
    const image = counting(await source.resolve(), opens);
    const tap = new LayerTap({ want: (e) => e.path.startsWith('app/'), maxBytes: 4096, layers: (i) => i < 2 });
    const visible: string[] = [];
    await squash(tap.wrap(image)).walk(
      () => false,
      (e) => {
        visible.push(`${e.path}@${layout.layerDigests.indexOf(e.layer ?? '')}`);
      },
    );
    await tap.settled();
    assert.deepEqual([...opens.values()], [1, 1, 1]);
    assert.deepEqual(visible.sort(), ['app/big.txt@0', 'app/keep.txt@1', 'app/top.txt@2', 'app@0']);
    // Layer 0's .env (deleted above) and old keep.txt (replaced above), layer 1's new keep.txt; the
    // 5000-byte file is over the 4096-byte budget, the top layer is not tapped.
    assert.deepEqual(tap.files.map((f) => `${f.layerIndex} ${f.entry.path} ${f.content.toString().trim()}`).sort(), [
      '0 app/.env TOKEN=1',
      '0 app/keep.txt kept',
      '1 app/keep.txt replaced',
    ]);
    assert.equal(tap.skipped, 1);
    assert.deepEqual(tap.errors, []);
  });

  it('a corrupt layer fails the walk with the layer named, and the tap does not hang', async () => {
    const layers = [await buildLayer([{ name: 'a', content: 'a' }]), await buildLayer([{ name: 'b', content: 'b' }])];
    const layout = await writeOciLayout(join(dir, 'bad'), layers);
    // Truncate the bottom layer's blob: gzip ends early, the digest no longer matches.
    const blob = join(dir, 'bad', 'blobs', 'sha256', layout.layerDigests[0]?.slice(7) ?? '');
    await writeFile(blob, layers[0]?.blob.subarray(0, 20) ?? Buffer.alloc(0));
    const source = await openSource(layout.ref);
    const tap = new LayerTap({ want: () => true, maxBytes: 1 << 20, layers: (i) => i < 1 });
    await assert.rejects(
      squash(tap.wrap(await source.resolve())).walk(
        () => true,
        () => undefined,
      ),
      (err) => err instanceof DrydockError,
    );
    await tap.settled();
  });
});
