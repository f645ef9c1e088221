import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { aptOpts, tarFile } from '../../../test/testbed/apt-root.js';
import { run } from '../../../test/testbed/exec.js';
import { type PatchedImage, patchedImageOrSkip } from '../../../test/testbed/patched-image.js';
import { DpkgCataloger } from '../../catalog/dpkg/cataloger.js';
import { catalogTarget } from '../../catalog/index.js';
import type { Package } from '../../catalog/package.js';
import { fileViewOf, openSource } from '../../sources/index.js';
import { findPendingUpdates, type PendingUpdates } from './pending.js';
import { aptSourcesForImage, isAptSourcesPath } from './sources.js';

/**
 * The real patched image (bookworm minbase installed from bookworm, -updates and -security, built
 * today) against the real Debian mirror: nothing is pending, and no advisory comes out of it.
 *
 * The expectation is apt's, not drydock's: `apt list --upgradable` for the image's dpkg status and
 * its own etc/apt/sources.list (both taken from the rootfs tar with `tar`) lists nothing. drydock
 * reads the same image the way `drydock scan --apt-updates` does: the docker-archive through
 * `catalogTarget` with the dpkg cataloger and the apt sources as extra files.
 */

let work: string | undefined;

/** What the docker-archive's final filesystem holds at `path` (drydock's source reader). */
async function viewFile(target: string, path: string): Promise<Buffer | undefined> {
  const source = await openSource(target);
  const view = fileViewOf(source, await source.resolve());
  const wanted = (e: { path: string }) => e.path === path;
  let found: Buffer | undefined;
  // walk visits every entry; only the wanted one comes with its content.
  await view.walk(wanted, (e, content) => {
    if (wanted(e)) found = content;
  });
  return found;
}

describe('findPendingUpdates on the patched bookworm image', { timeout: 10 * 60_000 }, () => {
  let image: PatchedImage | undefined;
  let target: string;
  let debs: Package[] = [];
  let extraFiles = new Map<string, Buffer>();
  let result: PendingUpdates | undefined;

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('catalogs the docker-archive: dpkg packages and the apt sources naming all three suites', async (t) => {
    image = await patchedImageOrSkip(t);
    if (!image) return;
    work = await mkdtemp(join(tmpdir(), 'drydock-apt-patched-'));
    target = `docker-archive:${image.dockerArchive.path}`;
    const started = Date.now();
    const sbom = await catalogTarget(target, {
      catalogers: [DpkgCataloger],
      extraFiles: (e) => isAptSourcesPath(e.path),
    });
    t.diagnostic(`catalogued in ${Date.now() - started} ms (image ${image.day}, built ${image.builtAt})`);
    debs = sbom.packages.filter((p) => p.type === 'deb');
    extraFiles = sbom.extraFiles;
    assert.deepEqual(sbom.warnings, []);
    assert.equal(debs.length, image.stats.dpkgPackages);
    // The archive's view of the status file is byte for byte the rootfs tar's.
    const status = await tarFile(image.rootfsTar, 'var/lib/dpkg/status');
    assert.ok((await viewFile(target, 'var/lib/dpkg/status'))?.equals(status));
    assert.deepEqual(
      [...extraFiles.keys()].map((p) => p.replace(/^\/+/, '')),
      ['etc/apt/sources.list'],
    );
    assert.equal(extraFiles.values().next().value?.toString('utf8'), image.sourcesList);
  });

  it('checks the image’s own three suites for pending updates', async (t) => {
    if (!image || !work) return t.skip('no image');
    const { sources, warnings } = aptSourcesForImage({ files: extraFiles });
    assert.deepEqual(warnings, []);
    // The image names all three suites itself: nothing is derived, the security suite is its own.
    assert.deepEqual(
      sources.map((s) => `${s.uri} ${s.suite} ${s.components.join(',')}`),
      [
        `${image.mirror} bookworm main`,
        `${image.mirror} bookworm-updates main`,
        `${image.securityMirror} bookworm-security main`,
      ],
    );
    const started = Date.now();
    result = await findPendingUpdates({
      installed: debs.map((p) => ({
        name: p.name,
        version: p.version,
        ...(p.metadata.arch ? { arch: p.metadata.arch } : {}),
        ...(p.metadata.sourceName ? { sourceName: p.metadata.sourceName } : {}),
        ...(p.metadata.sourceVersion ? { sourceVersion: p.metadata.sourceVersion } : {}),
      })),
      sources,
      arch: 'amd64',
      cacheDir: join(work, 'cache'),
    });
    t.diagnostic(`findPendingUpdates in ${Date.now() - started} ms`);
    assert.deepEqual(
      result.suites.map((s) => [s.suite, s.found]),
      [
        ['bookworm', true],
        ['bookworm-updates', true],
        ['bookworm-security', true],
      ],
    );
    assert.equal(result.namespace, 'debian:12');
    // 0 is asserted against apt's own answer in the next test: a security fix published after today's
    // build makes both non-empty, and only their agreement is a property of drydock.
    t.diagnostic(`pending: ${result.upgradable.length} upgradable, ${result.advisories.length} advisories`);
  });

  it('apt list --upgradable (the oracle) agrees: 0 packages for an image built from all three suites', async (t) => {
    if (!image || !work) return t.skip('no image');
    const aptRoot = join(work, 'root');
    for (const d of ['var/lib/dpkg', 'var/lib/apt/lists/partial', 'var/cache/apt/archives/partial', 'etc/apt']) {
      await mkdir(join(aptRoot, d), { recursive: true });
    }
    await writeFile(join(aptRoot, 'var/lib/dpkg/status'), await tarFile(image.rootfsTar, 'var/lib/dpkg/status'));
    await writeFile(join(aptRoot, 'etc/apt/sources.list'), await tarFile(image.rootfsTar, 'etc/apt/sources.list'));
    await run('tar', ['-xf', image.rootfsTar, '-C', aptRoot, './etc/apt/trusted.gpg.d']);
    const started = Date.now();
    await run('apt-get', [...aptOpts(aptRoot), '-qq', 'update'], { timeoutMs: 5 * 60_000 });
    const listed = (await run('apt', [...aptOpts(aptRoot), 'list', '--upgradable'])).stdout.toString('utf8');
    t.diagnostic(`apt-get update + apt list in ${Date.now() - started} ms`);
    // `libc6/oldstable-security 2.36-9+deb12u13 amd64 [upgradable from: 2.36-9+deb12u3]`
    const upgradable = [...listed.matchAll(/^(\S+)\/\S+ (\S+) \S+ \[upgradable from: (\S+)\]$/gm)].map(
      (m) => `${m[1]} ${m[3]} → ${m[2]}`,
    );
    if (upgradable.length > 0) {
      // Debian published a security fix after this image was built today: still compared below.
      t.diagnostic(
        `apt finds the image built ${image.builtAt} stale (${upgradable.join(', ')}); delete ${image.dir} to rebuild`,
      );
    }
    // apt saw the same package set drydock catalogued (the status is not empty or unreadable to it).
    const installed = (
      await run('dpkg-query', ['--admindir', join(aptRoot, 'var/lib/dpkg'), '-W', '-f', '${Package}\n'])
    ).stdout
      .toString('utf8')
      .trim()
      .split('\n');
    assert.deepEqual(installed.sort(), debs.map((p) => p.name).sort());
    // drydock's answer is apt's: empty for an image built from all three suites (unless a fix was
    // published since the build, then the same non-empty list), and no advisories without updates.
    const ours = result?.upgradable.map((u) => `${u.name} ${u.installed} → ${u.candidate}`) ?? [];
    assert.deepEqual(ours.sort(), [...upgradable].sort());
    if (upgradable.length === 0) assert.deepEqual(result?.advisories, []);
  });
});
