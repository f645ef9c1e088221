import * as assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../test/testbed/exec.js';
import { buildEnv, imageOrSkip } from '../../test/testbed/images.js';
import { type PatchedImage, patchedImageOrSkip } from '../../test/testbed/patched-image.js';
import { type PythonImage, pythonImageOrSkip } from '../../test/testbed/python-image.js';
import type { CheckResult, VerifyReport } from './report.js';
import { CRAFTED_FAILS, writeCraftedImage } from './testdata/crafted-image.js';
import { Podman } from './testdata/podman.js';
import { verifyImage } from './verify-image.js';

const failed = (r: VerifyReport) => r.results.filter((x) => x.status === 'fail').map((x) => x.id);
const result = (r: VerifyReport, id: string): CheckResult => {
  const found = r.results.find((x) => x.id === id);
  assert.ok(found, id);
  return found;
};
interface Upgradable {
  checked: number;
  suites: { uri: string; suite: string; components: string[] }[];
  upgradable: { name: string; installed: string; candidate: string }[];
}

let work = '';
let podman: Podman | undefined;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'drydock-verify-'));
});
after(async () => {
  await podman?.close();
  await rm(work, { recursive: true, force: true });
});

/** podman for the cross-checks, or a skip (a failure in CI) when it cannot run here. */
async function podmanOrSkip(t: { skip(message?: string): void }): Promise<Podman | undefined> {
  podman ??= await imageOrSkip(() => Podman.open(), t);
  return podman;
}

describe('the crafted image', () => {
  it('fails exactly the five planted checks, and finds the deleted AWS key in its layer', async () => {
    const layout = await writeCraftedImage(join(work, 'crafted'));
    const report = await verifyImage(layout.ref, { offline: true, dbPath: join(work, 'none.db') });
    assert.deepEqual(failed(report), [...CRAFTED_FAILS]);
    assert.deepEqual(
      report.results.filter((r) => r.status === 'skip').map((r) => r.id),
      ['DV2001', 'DV8001'],
    );
    assert.equal(report.verdict.exitCode, 1);
    const secrets = result(report, 'DV5001').findings;
    assert.deepEqual(
      secrets.map((f) => [f.location?.path, f.location?.line, f.location?.layer]),
      [
        ['root/.aws/credentials', 2, layout.layerDigests[1]],
        ['root/.aws/credentials', 3, layout.layerDigests[1]],
      ],
    );
    assert.deepEqual(
      result(report, 'DV6001').findings.map((f) => f.location?.path),
      ['usr/local/bin/escalate'],
    );
    assert.deepEqual(
      result(report, 'DV6002').findings.map((f) => f.location?.path),
      ['srv/shared'],
    );
    assert.deepEqual(
      result(report, 'DV6003').findings.map((f) => f.message),
      ['guest (uid 1001) has an empty password in /etc/passwd'],
    );
  });
});

describe('the testbed python3 image (bookworm main only: stale)', { timeout: 10 * 60_000 }, () => {
  let image: PythonImage | undefined;
  let report: VerifyReport | undefined;
  let nobody = '';

  it('runs as root: the user check fails; verify takes about a second offline', async (t) => {
    image = await pythonImageOrSkip(t);
    if (!image) return;
    for (const target of [
      `oci-dir:${image.ociLayout.dir}:${image.ociLayout.tag}`,
      `docker-archive:${image.dockerArchive.path}`,
    ]) {
      const started = Date.now();
      const offline = await verifyImage(target, { offline: true, dbPath: join(work, 'none.db') });
      t.diagnostic(`verify ${target.split(':')[0]} offline: ${Date.now() - started} ms`);
      assert.equal(result(offline, 'DV1001').evidence, 'root (uid 0): no USER in the image config');
      assert.equal(
        result(offline, 'DV3001').evidence,
        `${image.stats.dpkgPackages} packages (budget 150, default for debian 12), plus 3 language packages`,
      );
      // Nothing else in a minbase + python3 image is a finding, and it has no HEALTHCHECK (umoci config).
      assert.deepEqual(failed(offline), ['DV1001', 'DV7001']);
    }
  });

  it('the unpacked rootfs (dir:) answers the filesystem checks like the image, and skips the config ones', async (t) => {
    if (!image) return t.skip('no image');
    const opts = { offline: true, dbPath: join(work, 'none.db') };
    const [dir, oci] = await Promise.all([
      verifyImage(`dir:${image.rootfsDir}`, opts),
      verifyImage(`oci-dir:${image.ociLayout.dir}:${image.ociLayout.tag}`, opts),
    ]);
    const config = ['DV1001', 'DV1002', 'DV5002', 'DV7001', 'DV7002', 'DV7003', 'DV7004'];
    for (const id of config) assert.equal(result(dir, id).status, 'skip', id);
    for (const r of oci.results) {
      if (config.includes(r.id) || r.id === 'DV3003') continue;
      assert.deepEqual([r.id, result(dir, r.id).status, result(dir, r.id).evidence], [r.id, r.status, r.evidence]);
    }
  });

  it('asks the Debian mirror: the stale image has pending updates from bookworm-security', async (t) => {
    if (!image) return t.skip('no image');
    const started = Date.now();
    report = await verifyImage(`oci-dir:${image.ociLayout.dir}:${image.ociLayout.tag}`, {
      dbPath: join(work, 'none.db'),
    });
    t.diagnostic(`verify with the mirror: ${Date.now() - started} ms`);
    const up = result(report, 'DV2001');
    t.diagnostic(up.evidence);
    const data = up.data as unknown as Upgradable;
    assert.equal(data.checked, image.stats.dpkgPackages);
    assert.deepEqual(
      data.suites.map((s) => s.suite),
      ['bookworm', 'bookworm-updates', 'bookworm-security'],
    );
    assert.ok(data.upgradable.length > 0, 'built from bookworm main only, it lacks the security updates');
    assert.equal(up.status, 'fail');
    assert.match(
      up.evidence,
      new RegExp(
        `^${data.upgradable.length} upgradable \\(checked ${data.checked} packages against bookworm, bookworm-updates, bookworm-security\\)`,
      ),
    );
    assert.deepEqual(failed(report), ['DV1001', 'DV2001', 'DV7001']);
  });

  it('podman agrees: whoami is root, and apt list --upgradable in the image lists the same packages', async (t) => {
    if (!image || !report) return t.skip('no image');
    const p = await podmanOrSkip(t);
    if (!p) return;
    const id = await p.load(image.ociLayout.dir, image.ociLayout.tag);
    assert.equal((await p.run(id, ['whoami'])).trim(), 'root');
    const data = result(report, 'DV2001').data as unknown as Upgradable;
    const apt = await p.aptUpgradable(id, data.suites);
    const ours = data.upgradable.map((u) => `${u.name} ${u.installed} → ${u.candidate}`).sort();
    t.diagnostic(`apt in the container: ${apt.length} upgradable; drydock: ${ours.length}`);
    assert.deepEqual(ours, apt);
  });

  it('with USER nobody set on the same image, drydock and whoami both say nobody', async (t) => {
    if (!image) return t.skip('no image');
    const p = await podmanOrSkip(t);
    if (!p) return;
    nobody = join(work, 'python-nobody');
    await cp(image.ociLayout.dir, nobody, { recursive: true });
    await run(
      'umoci',
      ['config', '--image', `${nobody}:${image.ociLayout.tag}`, '--tag', 'nobody', '--config.user=nobody'],
      {
        env: buildEnv(),
      },
    );
    const r = await verifyImage(`oci-dir:${nobody}:nobody`, {
      offline: true,
      checks: undefined,
      dbPath: join(work, 'none.db'),
    });
    assert.equal(result(r, 'DV1001').status, 'pass');
    assert.equal(result(r, 'DV1001').evidence, 'user nobody (uid 65534)');
    const id = await p.load(nobody, 'nobody');
    assert.equal((await p.run(id, ['whoami'])).trim(), 'nobody');
    assert.equal((await p.run(id, ['id', '-u'])).trim(), '65534');
  });
});

describe('the testbed patched image (all three suites)', { timeout: 10 * 60_000 }, () => {
  let image: PatchedImage | undefined;

  it('nothing upgradable, and apt inside the image agrees', async (t) => {
    image = await patchedImageOrSkip(t);
    if (!image) return;
    const report = await verifyImage(`oci-dir:${image.ociLayout.dir}:${image.ociLayout.tag}`, {
      dbPath: join(work, 'none.db'),
    });
    const up = result(report, 'DV2001');
    t.diagnostic(up.evidence);
    const data = up.data as unknown as Upgradable;
    const p = await podmanOrSkip(t);
    if (!p) return;
    const apt = await p.aptUpgradable(await p.load(image.ociLayout.dir, image.ociLayout.tag), data.suites);
    const ours = data.upgradable.map((u) => `${u.name} ${u.installed} → ${u.candidate}`).sort();
    // 0 on the day it was built; a fix published since makes both non-empty, and only agreement is drydock's.
    assert.deepEqual(ours, apt);
    if (apt.length === 0) {
      assert.equal(up.status, 'pass');
      assert.equal(
        up.evidence,
        `0 upgradable (checked ${image.stats.dpkgPackages} packages against bookworm, bookworm-updates, bookworm-security)`,
      );
    } else t.diagnostic(`published since the build: ${apt.join(', ')}`);
  });
});
