import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import { resolveSymlinks, squash } from './file-view.js';
import {
  collect,
  gzip,
  LAYER_TYPES,
  makeTar,
  memoryImage,
  memoryLayer,
  sha256,
  zstd,
} from './oci-layout/testdata/fixtures.js';
import type { FileEntry } from './types.js';

/** Host paths for fixtures (node:path is banned under src/sources/). */
const join = (...parts: string[]): string => parts.join('/');

describe('file-view: squash', async () => {
  const big = 'B'.repeat(3000);
  const bottom = await makeTar([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
    { name: 'etc/passwd-link', type: 'symlink', linkname: '/../../../etc/passwd' },
    { name: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
    { name: 'usr/lib/os-release', content: 'ID=debian\n' },
    { name: 'a/', type: 'directory' },
    { name: 'a/keep', content: '1' },
    { name: 'a/gone', content: 'x' },
    { name: 'b/', type: 'directory' },
    { name: 'b/old', content: 'old' },
    { name: 'c', content: 'c was a file' },
    { name: 'd/', type: 'directory' },
    { name: 'd/child', content: 'child' },
    { name: 'e/', type: 'directory' },
    { name: 'e/sub/', type: 'directory' },
    { name: 'e/sub/deep', content: 'deep' },
    { name: '../escape', content: 'evil' },
    { name: '/abs/file', content: 'absolute name' },
    { name: './dot/file', content: 'dot name' },
    { name: 'bin/busybox', content: 'BUSYBOX', mode: 0o755 },
    { name: 'bin/sh', type: 'link', linkname: 'bin/busybox' },
    { name: 'bin/big', content: big },
    { name: 'bin/big-link', type: 'link', linkname: 'bin/big' },
    { name: 'bin/big-link2', type: 'link', linkname: 'bin/big-link' },
  ]);
  const middle = await makeTar([
    { name: 'a/.wh.gone', content: '' },
    { name: 'a/keep', content: '2' },
    { name: 'b/', type: 'directory', mode: 0o700 },
    { name: 'b/.wh..wh..opq', content: '' },
    { name: 'b/new', content: 'new' },
    { name: 'c/', type: 'directory' },
    { name: 'c/inner', content: 'inner' },
  ]);
  const top = await makeTar([
    { name: 'a/keep', content: '3', uid: 1000 },
    { name: 'd', content: 'd is a file now' },
    { name: '.wh.e', content: '' },
  ]);
  const layers = [
    memoryLayer(bottom),
    memoryLayer(gzip(middle), LAYER_TYPES.gzip),
    memoryLayer(zstd(top), LAYER_TYPES.zstd),
  ];
  const [l1, l2, l3] = layers.map((l) => l.digest);

  it('applies whiteouts, opaque dirs and type changes across 3 layers (plain, gzip, zstd)', async () => {
    const view = squash(memoryImage(layers));
    const asked: string[] = [];
    const files = await collect(view, (e) => {
      asked.push(e.path);
      return e.path === 'a/keep' || e.path === 'b/new';
    });
    assert.equal(files.get('a/keep')?.content?.toString(), '3');
    assert.equal(files.get('a/keep')?.entry.layer, l3);
    assert.equal(files.get('a/keep')?.entry.uid, 1000);
    assert.equal(files.has('a/gone'), false, 'whiteout .wh.gone');
    assert.equal(files.get('b/new')?.content?.toString(), 'new');
    assert.equal(files.has('b/old'), false, 'opaque dir');
    assert.equal(files.get('b')?.entry.mode, 0o700);
    assert.equal(files.get('b')?.entry.layer, l2);
    assert.equal(files.get('c')?.entry.type, 'dir', 'file replaced by dir');
    assert.equal(files.get('c/inner')?.entry.layer, l2);
    assert.equal(files.get('d')?.entry.type, 'file', 'dir replaced by file');
    assert.equal(files.has('d/child'), false);
    for (const p of ['e', 'e/sub', 'e/sub/deep']) assert.equal(files.has(p), false, `${p} whited out`);
    assert.equal(files.get('usr/lib/os-release')?.entry.layer, l1);
    assert.equal(files.has('abs/file'), true);
    assert.equal(files.has('dot/file'), true);
    assert.equal(
      [...files.keys()].some((p) => p.includes('escape') || p.includes('.wh.')),
      false,
    );
    assert.equal(view.stats.escapes, 1);
    assert.equal(view.stats.layers, 3);
    // `required` is asked once per visible entry, never for hidden ones.
    assert.deepEqual([...asked].sort(), [...files.keys()].sort());
    assert.equal(view.stats.visible, files.size);
    assert.equal(view.stats.contentFiles, 2);
  });

  it('resolves hardlinks to their target content, re-reading the layer only when the target went by unread', async () => {
    const view = squash(memoryImage(layers));
    const files = await collect(
      view,
      (e) => e.path === 'bin/sh' || e.path === 'bin/busybox' || e.path === 'bin/big-link2',
    );
    assert.equal(files.get('bin/sh')?.entry.type, 'hardlink');
    assert.equal(files.get('bin/sh')?.entry.linkTarget, 'bin/busybox');
    assert.equal(files.get('bin/sh')?.entry.size, 7);
    assert.equal(files.get('bin/sh')?.content?.toString(), 'BUSYBOX');
    assert.equal(files.get('bin/big-link2')?.content?.toString(), big, 'a link to a link to an unrequired file');
    assert.equal(files.get('bin/big-link')?.content, undefined);
    assert.equal(view.stats.rereads, 1);
    assert.equal(view.stats.unresolvedHardlinks, 0);
  });

  it('follows symlinks inside the view, clamped at the root, at most 40 hops', async () => {
    const entries = new Map<string, FileEntry>();
    await squash(memoryImage(layers)).walk(
      () => false,
      (e) => {
        entries.set(e.path, e);
      },
    );
    assert.equal(resolveSymlinks(entries, 'etc/os-release'), 'usr/lib/os-release');
    assert.equal(
      resolveSymlinks(entries, '/etc/passwd-link'),
      'etc/passwd',
      'absolute link with .. stays in the image',
    );
    assert.equal(resolveSymlinks(entries, 'etc/os-release', false), 'etc/os-release');
    const loop = new Map<string, FileEntry>([
      ['x', { path: 'x', type: 'symlink', linkTarget: 'y', mode: 0, uid: 0, gid: 0, size: 0 }],
      ['y', { path: 'y', type: 'symlink', linkTarget: '/x', mode: 0, uid: 0, gid: 0, size: 0 }],
    ]);
    assert.equal(resolveSymlinks(loop, 'x'), undefined);
    const dirLink = new Map<string, FileEntry>([
      ['lib', { path: 'lib', type: 'symlink', linkTarget: 'usr/lib', mode: 0, uid: 0, gid: 0, size: 0 }],
    ]);
    assert.equal(resolveSymlinks(dirLink, 'lib/x/../os-release'), 'usr/lib/os-release');
  });

  it('fails the walk with a digest mismatch when a layer byte is corrupt', async () => {
    const stored = gzip(middle);
    const digest = sha256(stored);
    const bad = Buffer.from(stored);
    bad[40] = (bad[40] ?? 0) ^ 1;
    const image = memoryImage([memoryLayer(bottom), memoryLayer(bad, LAYER_TYPES.gzip, digest)]);
    await assert.rejects(
      squash(image).walk(
        () => true,
        () => undefined,
      ),
      (e: unknown) => e instanceof DrydockError && e.message.includes(`digest mismatch for layer ${digest}`),
    );
  });

  it('fails with one clear error on a truncated gzip layer and on a truncated tar', async () => {
    const cut = gzip(bottom).subarray(0, 300);
    await assert.rejects(
      squash(memoryImage([memoryLayer(cut, LAYER_TYPES.gzip)])).walk(
        () => false,
        () => undefined,
      ),
      (e: unknown) => e instanceof DrydockError && /truncated gzip data/.test(e.message),
    );
    const cutTar = bottom.subarray(0, 1000);
    await assert.rejects(
      squash(memoryImage([memoryLayer(cutTar)])).walk(
        () => false,
        () => undefined,
      ),
      (e: unknown) => e instanceof DrydockError && /not a valid tar/.test(e.message),
    );
  });

  it('buffers only the one required file out of thousands', async () => {
    const many = await makeTar([
      ...Array.from({ length: 4000 }, (_, i) => ({ name: `usr/share/f${i}`, content: 'x'.repeat(1024) })),
      { name: 'var/lib/dpkg/status', content: 'Package: bash\n' },
    ]);
    const view = squash(memoryImage([memoryLayer(gzip(many), LAYER_TYPES.gzip)]));
    let withContent = 0;
    let visited = 0;
    let status = '';
    await view.walk(
      (e) => e.path === 'var/lib/dpkg/status',
      (_e, content) => {
        visited++;
        if (content !== undefined) {
          withContent++;
          status = content.toString();
        }
      },
    );
    assert.equal(visited, 4001); // implicit parent dirs are not synthesised
    assert.equal(withContent, 1);
    assert.equal(status, 'Package: bash\n');
    assert.equal(view.stats.contentFiles, 1);
    assert.equal(view.stats.contentBytes, 14);
  });

  it('spills a required file over the in-memory cap to a temp file and cleans up', async () => {
    const content = Buffer.alloc(200_000, 7);
    const tar = await makeTar([{ name: 'opt/huge.bin', content }]);
    const tmp = mkdtempSync(join(tmpdir(), 'drydock-spill-test-'));
    const view = squash(memoryImage([memoryLayer(tar)]), { maxInMemory: 10_000, tmpDir: tmp });
    const files = await collect(view, () => true);
    assert.deepEqual(files.get('opt/huge.bin')?.content, content);
    assert.equal(view.stats.spilled, 1);
    assert.deepEqual(readdirSync(tmp), []);
  });
});
