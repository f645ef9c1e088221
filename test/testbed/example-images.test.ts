import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import {
  type ExampleImages,
  exampleImagesOrSkip,
  HARDENED_DOCKERIGNORE,
  humanReview,
  normalizeRegistry,
  writeExampleContext,
} from './example-images.js';
import { pushImage, skopeoInspect } from './push.js';
import { type RunningRegistry, startRegistry } from './registry.js';

/**
 * Issue #6's proof: examples/migrate-platform after `drydock fix --write` builds (buildah, chroot
 * isolation), runs as the user fix created, and has nothing left to upgrade; the unhardened build
 * of the same context is the control (root, pending security updates). The hardened image (the
 * fixed Dockerfile after humanReview) is issue #7's: src/verify/example-images.test.ts verifies it.
 */
describe('examples/migrate-platform, fixed and built (buildah + podman)', { timeout: 30 * 60_000 }, () => {
  let images: ExampleImages | undefined;
  let registry: RunningRegistry | undefined;
  after(() => registry?.stop());

  it('builds the base, the unhardened, the fixed and the hardened image (or loads them from the cache)', async (t) => {
    const started = Date.now();
    images = await exampleImagesOrSkip(t);
    if (!images) return;
    const s = images.stats;
    t.diagnostic(
      `${images.built ? 'built' : 'cache hit'} in ${Date.now() - started} ms; the build took ${s.buildMs} ms ` +
        `(fix ${s.fixMs} ms, unhardened build ${s.unhardenedBuildMs} ms, fixed build ${s.fixedBuildMs} ms × ${s.fixedAttempts}, ` +
        `hardened build ${s.hardenedBuildMs} ms × ${s.hardenedAttempts}, podman checks ${s.checksMs} ms): ${images.dir}`,
    );
    // The base is served as an image index: the pin must be the index digest, not the amd64 manifest's.
    assert.notEqual(images.base.indexDigest, images.base.manifestDigest);
    assert.match(images.base.sourcesList, /bookworm-security/);
  });

  it('the fixed image runs as the new user and has nothing left to upgrade', (t) => {
    if (!images) return t.skip('no images');
    const fixed = images.fixed;
    assert.match(fixed.dockerfile, new RegExp(`^FROM \\S+/library/python:3\\.11@${images.base.indexDigest}$`, 'm'));
    assert.match(fixed.dockerfile, /^USER appuser$/m);
    assert.equal(fixed.whoami, 'appuser');
    assert.deepEqual(fixed.upgradable, []);
    // What fix could not do is reported, not guessed.
    for (const id of ['DD6001', 'DD2005', 'DD2006', 'DD4011'])
      assert.match(images.fixStderr, new RegExp(` ${id} needs a human: `));
  });

  it('the unhardened build of the same context runs as root with security updates pending (the control)', (t) => {
    if (!images) return t.skip('no images');
    assert.equal(images.unhardened.whoami, 'root');
    assert.ok(images.unhardened.upgradable.length > 0, 'the unfixed image should have pending updates');
    assert.ok(
      // apt names the suite by its archive name (oldstable-security for bookworm-security).
      images.unhardened.upgradable.some((line) => /-security /.test(line)),
      images.unhardened.upgradable.join('\n'),
    );
  });

  it('drydock fix, run now against a fresh registry, writes the Dockerfile the cached image was built from', async (t) => {
    if (!images) return t.skip('no images');
    registry = await startRegistry();
    const host = registry.host;
    const pushed = await pushImage(`oci:${images.base.ociDir}:${images.base.tag}`, `${host}/library/python:3.11`, {
      multiArch: true,
    });
    assert.equal(pushed, images.base.indexDigest);
    assert.equal(await skopeoInspect(`${host}/library/python:3.11`), images.base.indexDigest);
    const dir = await mkdtemp(join(tmpdir(), 'drydock-example-'));
    try {
      const example = await readFile(join(import.meta.dirname, '../../examples/migrate-platform/Dockerfile'));
      const files = new Map<string, Buffer>([['Dockerfile', example]]);
      const dockerfile = await writeExampleContext(dir, files, host);
      const r = await runCli(['fix', dockerfile, '--write']);
      assert.equal(r.code, 0, r.stderr);
      const builtFrom = images.fixed.dockerfile;
      const builtHost = /^FROM (\S+?)\/library\/python/m.exec(builtFrom)?.[1] ?? '';
      assert.equal(
        normalizeRegistry(await readFile(dockerfile, 'utf8'), host),
        normalizeRegistry(builtFrom, builtHost),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the hardened image keeps what fix wrote, runs as appuser, has nothing to upgrade and is healthy', async (t) => {
    if (!images) return t.skip('no images');
    const hardened = images.hardened;
    const fixedHost = /^FROM (\S+?)\/library\/python/m.exec(images.fixed.dockerfile)?.[1] ?? '';
    assert.equal(hardened.dockerfile, humanReview(images.fixed.dockerfile));
    assert.match(
      hardened.dockerfile,
      new RegExp(`^FROM ${fixedHost}/library/python:3\\.11@${images.base.indexDigest}$`, 'm'),
    );
    assert.match(hardened.dockerfile, /^USER appuser$/m);
    assert.equal(await readFile(join(images.dir, 'context-hardened', '.dockerignore'), 'utf8'), HARDENED_DOCKERIGNORE);
    assert.equal(hardened.whoami, 'appuser');
    assert.deepEqual(hardened.upgradable, []);
    assert.equal(hardened.health?.healthy, true, hardened.health?.output);
    t.diagnostic(`HEALTHCHECK passed on try ${hardened.health?.attempts} (gunicorn starting)`);
    // drydock reads the Docker-format manifest; podman, which cannot, the OCI copy of the same layers.
    assert.notEqual(hardened.tag, hardened.ociTag);
  });
});

describe('humanReview', () => {
  it('fails loudly, naming the edit, when the fixed Dockerfile changed under it', () => {
    const fixed = `FROM python:3.11@sha256:${'0'.repeat(64)}\nUSER appuser\nCMD ["gunicorn"]\n`;
    assert.throws(() => humanReview(fixed), /the human review edit for provenance no longer matches/);
  });
});
