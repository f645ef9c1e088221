import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildLayer, EVIL_ENTRIES, writeOciLayout } from '../../test/testbed/evil-layers.js';
import { resolveSymlinks, type SquashedView } from './file-view.js';
import { fileViewOf, openSource } from './index.js';
import type { FileEntry } from './types.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Builds an OCI layout from named crafted layers and walks it, requiring every file. */
async function walk(layers: (keyof typeof EVIL_ENTRIES)[]) {
  const built = [];
  for (const name of layers) built.push(await buildLayer(EVIL_ENTRIES[name], 'gzip'));
  const layout = await writeOciLayout(mkdtempSync(join(tmpdir(), 'drydock-evil-')), built);
  const source = await openSource(layout.ref);
  const view = fileViewOf(source, await source.resolve());
  const entries = new Map<string, { entry: FileEntry; content?: Buffer }>();
  await view.walk(
    () => true,
    (entry, content) => {
      entries.set(entry.path, content === undefined ? { entry } : { entry, content });
    },
  );
  return { entries, view: view as SquashedView };
}

/**
 * Crafted layers never reach the host: drydock does not extract layers, every tar path is
 * normalised inside the image root (escapes are dropped), and links resolve inside the image.
 */
describe('crafted layers cannot escape the image root', () => {
  const hostPasswd = sha(readFileSync('/etc/passwd'));
  const tmpBefore = readdirSync(tmpdir()).length;

  it('drops ../ traversal, keeps absolute names inside the image, writes nothing to the host', async () => {
    const { entries, view } = await walk(['pathTraversal', 'absolutePath']);
    const paths = [...entries.keys()].sort();
    assert.deepEqual(
      paths.filter((p) => p.startsWith('..') || p.startsWith('/')),
      [],
    );
    assert.ok(paths.includes('ok.txt'));
    assert.ok(paths.includes('abs/path'));
    assert.ok(paths.includes('etc/cron.d/evil'));
    assert.equal(entries.has('etc/passwd'), false);
    assert.equal(view.stats.escapes, 2);
    assert.equal(sha(readFileSync('/etc/passwd')), hostPasswd);
  });

  it('resolves symlinks out of the root to paths inside it (clamped), never to the host', async () => {
    const { entries } = await walk(['symlinkEscape']);
    const lookup = (p: string) => entries.get(p)?.entry;
    assert.equal(entries.get('etc/shadow')?.entry.type, 'symlink');
    // `/etc/shadow` seen from inside the image is the link itself: a loop, so no target at all.
    assert.equal(resolveSymlinks(lookup, 'etc/shadow'), undefined);
    // `../../../../etc` from the root clamps at the root.
    assert.equal(resolveSymlinks(lookup, 'x'), 'etc');
    const through = await walk(['symlinkWriteThrough']);
    // `x/passwd` would be written through the symlink `x` by a naive extractor; under a non-directory
    // it cannot exist in the image, so the view drops it.
    assert.equal(through.entries.get('x')?.entry.type, 'symlink');
    assert.equal(through.entries.has('x/passwd'), false);
    assert.equal(sha(readFileSync('/etc/passwd')), hostPasswd);
  });

  it('never reads a hardlink target outside the image', async () => {
    const { entries, view } = await walk(['hardlinkEscape']);
    // A link whose target climbs out of the root is dropped like any escaping name…
    assert.equal(entries.has('etc/passwd-link'), false);
    assert.equal(view.stats.escapes, 1);
    // …and an absolute target means the image's own etc/passwd, which this image lacks: no content.
    assert.equal(entries.get('abs-link')?.entry.linkTarget, 'etc/passwd');
    assert.equal(entries.get('abs-link')?.content, undefined);
    assert.equal(view.stats.unresolvedHardlinks, 1);
  });

  it('applies whiteouts, opaque directories and overwrites across layers', async () => {
    const { entries } = await walk(['base', 'whiteouts', 'overwrite']);
    assert.equal(entries.has('etc/removed'), false);
    assert.equal(entries.has('opaque/old-a'), false);
    assert.equal(entries.has('opaque/old-b'), false);
    assert.equal(entries.get('opaque/new-c')?.content?.toString(), 'c\n');
    assert.equal(entries.get('etc/motd')?.content?.toString(), 'two\n');
    assert.equal(entries.get('etc/motd')?.entry.mode, 0o600);
    assert.equal(entries.get('keep/kept')?.content?.toString(), 'kept\n');
    assert.equal(readdirSync(tmpdir()).length >= tmpBefore, true);
  });
});
