import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../test/support/run-cli.js';
import { testImagesOrSkip } from '../../test/testbed/images.js';
import { patchedImageOrSkip } from '../../test/testbed/patched-image.js';
import { pushImage } from '../../test/testbed/push.js';
import { type RunningRegistry, startRegistry } from '../../test/testbed/registry.js';

const shared = join(import.meta.dirname, '../../../shared/data');
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/**
 * `drydock update --db --apt-updates`: the stale bookworm image (main suite only) is pinned, the
 * patched one (all three suites) is pushed under the same tag, and the PR body's before/after counts
 * must equal what `drydock scan` reports for the two images read from their docker-archive files
 * (same database, and the real Debian mirror's pending security updates).
 */
describe('drydock update with a vulnerability database', { timeout: 600_000 }, () => {
  let reg: RunningRegistry | undefined;
  after(async () => {
    await reg?.stop();
  });

  it('the PR body shows Critical/High/Medium/Low before → after, equal to drydock scan of each image', async (t) => {
    const stale = await testImagesOrSkip(t);
    const patched = stale ? await patchedImageOrSkip(t) : undefined;
    if (!stale || !patched) return;
    reg = await startRegistry();
    const home = mkdtempSync(join(tmpdir(), 'drydock-upd-vuln-'));
    const env = { HOME: home, DOCKER_CONFIG: join(home, '.docker'), DRYDOCK_CACHE_DIR: join(home, 'cache') };
    const db = join(home, 'vulns.db');
    const imported = await runCli(
      [
        'db',
        'import',
        join(shared, 'debian/vuln-list-debian'),
        join(shared, 'debian/security-tracker-lists/DSA.list'),
        '--db',
        db,
      ],
      env,
    );
    assert.equal(imported.code, 0, imported.stderr);

    const ref = `${reg.host}/library/debian:bookworm`;
    const oldDigest = await pushImage(`oci:${stale.ociLayout.dir}:${stale.ociLayout.tags.bookworm}`, ref);
    const dir = mkdtempSync(join(tmpdir(), 'drydock-upd-vuln-proj-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${ref}\nRUN true\n`);
    const pin = await runCli(['pin', dir, '--lock-file', join(dir, 'drydock.lock')], env);
    assert.equal(pin.code, 0, pin.stderr);
    const newDigest = await pushImage(`oci:${patched.ociLayout.dir}:${patched.ociLayout.tag}`, ref);
    assert.notEqual(newDigest, oldDigest);

    const started = Date.now();
    const body = join(dir, 'body.md');
    const update = await runCli(
      [
        'update',
        dir,
        '--lock-file',
        join(dir, 'drydock.lock'),
        '--db',
        db,
        '--apt-updates',
        '--pr-body',
        body,
        '--platform',
        'linux/amd64',
      ],
      env,
    );
    const updateMs = Date.now() - started;
    assert.equal(update.code, 0, update.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${ref}@${newDigest}\nRUN true\n`);

    const counts = async (archive: string) => {
      const r = await runCli(['scan', `docker-archive:${archive}`, '--db', db, '--apt-updates', '-f', 'json'], env);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      return (JSON.parse(r.stdout) as { summary: { bySeverity: Record<string, number> } }).summary.bySeverity;
    };
    const before = await counts(stale.dockerArchive.path);
    const afterCounts = await counts(patched.dockerArchive.path);
    const cells = SEVERITIES.map(
      (s) => `${s[0]?.toUpperCase()}${s.slice(1)} ${before[s] ?? 0} → ${afterCounts[s] ?? 0}`,
    );
    const text = readFileSync(body, 'utf8');
    assert.ok(text.includes(`| ${ref.replace(/:bookworm$/, ':bookworm')} | ${cells.join(' | ')} |`), text);
    const total = (c: Record<string, number>) => SEVERITIES.reduce((n, s) => n + (c[s] ?? 0), 0);
    assert.ok(total(before) > 0, 'the stale image has findings in this database');
    // The stale image lacks bookworm-security's fixes; the patched one has them all.
    assert.ok(total(afterCounts) < total(before), 'the patched image has fewer findings than the stale one');
    process.stderr.write(`update --db: ${cells.join(', ')} in ${updateMs} ms\n`);
  });
});
