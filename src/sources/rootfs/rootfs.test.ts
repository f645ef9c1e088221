import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import { resolveSymlinks } from '../file-view.js';
import type { FileEntry } from '../types.js';
import { DirSource } from './rootfs.js';

/** Host paths for fixtures (node:path is banned under src/sources/). */
const join = (...parts: string[]): string => parts.join('/');

describe('dir: rootfs source', () => {
  const root = mkdtempSync(join(tmpdir(), 'drydock-rootfs-'));
  const outside = mkdtempSync(join(tmpdir(), 'drydock-outside-'));
  writeFileSync(join(outside, 'secret'), 'host secret');
  mkdirSync(join(root, 'usr/lib'), { recursive: true });
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, 'proc/1'), { recursive: true });
  writeFileSync(join(root, 'proc/1/status'), 'kernel stuff');
  writeFileSync(join(root, 'usr/lib/os-release'), 'ID=debian\n', { mode: 0o640 });
  symlinkSync('../usr/lib/os-release', join(root, 'etc/os-release'));
  symlinkSync(join(outside, 'secret'), join(root, 'etc/secret')); // absolute, off the rootfs
  symlinkSync(outside, join(root, 'hostdir')); // a symlinked directory is never descended
  symlinkSync('/usr/lib/../../../../usr/lib/os-release', join(root, 'etc/abs-os-release'));

  it('lists entries with lstat data and reads only required files, never following a symlink', async () => {
    const source = new DirSource(`${root}/`);
    assert.equal(source.describe(), `dir:${root}`);
    const image = await source.resolve();
    assert.deepEqual(image.layers, []);
    assert.deepEqual(image.config, {});
    const entries = new Map<string, FileEntry>();
    const contents = new Map<string, string>();
    const view = source.view();
    await view.walk(
      (e) => e.path.includes('os-release') || e.path.includes('secret'),
      (e, content) => {
        entries.set(e.path, e);
        if (content !== undefined) contents.set(e.path, content.toString());
      },
    );
    assert.deepEqual([...contents.entries()], [['usr/lib/os-release', 'ID=debian\n']]);
    assert.equal(entries.get('usr/lib/os-release')?.mode, 0o640);
    assert.equal(entries.get('usr/lib/os-release')?.layer, undefined);
    assert.equal(entries.get('etc/secret')?.type, 'symlink');
    assert.equal(entries.get('hostdir')?.type, 'symlink');
    assert.equal(
      [...entries.keys()].some((p) => p.startsWith('hostdir/')),
      false,
    );
    assert.equal(entries.has('proc'), true);
    assert.equal(entries.has('proc/1'), false, 'proc is listed, not descended');
    // Links resolve inside the view only: the absolute one lands in the rootfs, the host one nowhere.
    assert.equal(resolveSymlinks(entries, 'etc/os-release'), 'usr/lib/os-release');
    assert.equal(resolveSymlinks(entries, 'etc/abs-os-release'), 'usr/lib/os-release');
    assert.equal(entries.has(resolveSymlinks(entries, 'etc/secret') ?? ''), false);
    assert.equal(view.stats.contentFiles, 1);
  });

  it('reports a missing or non-directory root as one error', async () => {
    await assert.rejects(
      new DirSource(join(root, 'nope')).resolve(),
      (e: unknown) =>
        e instanceof DrydockError && e.message.includes('ENOENT') && e.where === `dir:${join(root, 'nope')}`,
    );
    await assert.rejects(
      new DirSource(join(root, 'usr/lib/os-release')).resolve(),
      (e: unknown) => e instanceof DrydockError && e.message === 'not a directory',
    );
  });
});
