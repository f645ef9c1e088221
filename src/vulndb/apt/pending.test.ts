import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { aptOpts, tarFile } from '../../../test/testbed/apt-root.js';
import { run } from '../../../test/testbed/exec.js';
import { ensureTestImages } from '../../../test/testbed/images.js';
import { parseDpkgStatus } from '../../catalog/dpkg/parse-status.js';
import { parseChangelog } from './changelog.js';
import { findPendingUpdates, type InstalledDeb, type PendingUpdates } from './pending.js';
import { aptSourcesForImage } from './sources.js';

/**
 * The real stale image (bookworm minbase from the main suite only) against the real Debian mirror.
 *
 * Expectations come from Debian's own tools, never from drydock:
 * - the upgradable set is what `apt list --upgradable` prints for the image's dpkg status with a
 *   sources.list naming bookworm, bookworm-updates and bookworm-security;
 * - each upgrade's CVE ids are those in the `Changes` of `dpkg-parsechangelog --since <installed
 *   source version>` run on the changelog.Debian.gz that `dpkg-deb -x` unpacks from the .deb
 *   `apt-get download` fetched;
 * - every changelog's entries (versions, urgencies) are what `dpkg-parsechangelog --all` lists.
 */

let work: string;
let aptRoot: string;
let installed: InstalledDeb[];
let result: PendingUpdates;
let mirror: string;

/** The mirror of the Debian security archive, as the host's apt sources name it. */
async function securityMirror(): Promise<string> {
  const text = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '');
  for (const stanza of text.split(/\n\s*\n/)) {
    const uri = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
    if (uri && /^Suites:.*\bbookworm-security\b/m.test(stanza)) return uri.replace(/\/+$/, '');
  }
  return `${mirror}-security`;
}

describe('findPendingUpdates on the stale bookworm image', { timeout: 10 * 60_000 }, () => {
  let image: Awaited<ReturnType<typeof ensureTestImages>>;
  let apt: Map<string, string>;

  before(async () => {
    image = await ensureTestImages();
    mirror = image.mirror;
    work = await mkdtemp(join(tmpdir(), 'drydock-apt-'));
    aptRoot = join(work, 'root');
    const status = await tarFile(image.rootfsTar, 'var/lib/dpkg/status');
    const sourcesList = await tarFile(image.rootfsTar, 'etc/apt/sources.list');
    installed = parseDpkgStatus(status, { missingStatusMeansInstalled: false }).entries.map((e) => ({
      name: e.name,
      version: e.version,
      ...(e.arch ? { arch: e.arch } : {}),
      sourceName: e.sourceName,
      ...(e.sourceVersion ? { sourceVersion: e.sourceVersion } : {}),
    }));

    // apt's answer, from a scratch root holding only the image's dpkg status and keys.
    for (const d of ['var/lib/dpkg', 'var/lib/apt/lists/partial', 'var/cache/apt/archives/partial', 'etc/apt']) {
      await mkdir(join(aptRoot, d), { recursive: true });
    }
    await writeFile(join(aptRoot, 'var/lib/dpkg/status'), status);
    await run('tar', ['-xf', image.rootfsTar, '-C', aptRoot, './etc/apt/trusted.gpg.d']);
    const security = await securityMirror();
    await writeFile(
      join(aptRoot, 'etc/apt/sources.list'),
      [
        `deb ${mirror} bookworm main`,
        `deb ${mirror} bookworm-updates main`,
        `deb ${security} bookworm-security main`,
        '',
      ].join('\n'),
    );
    await run('apt-get', [...aptOpts(aptRoot), '-qq', 'update'], { timeoutMs: 5 * 60_000 });
    const listed = (await run('apt', [...aptOpts(aptRoot), 'list', '--upgradable'])).stdout.toString('utf8');
    apt = new Map();
    // `libc6/oldstable-security 2.36-9+deb12u13 amd64 [upgradable from: 2.36-9+deb12u3]`
    for (const m of listed.matchAll(/^(\S+)\/\S+ (\S+) (\S+) \[upgradable from: (\S+)\]$/gm)) {
      if (m[1] && m[2]) apt.set(m[1], m[2]);
    }

    const files = new Map([['etc/apt/sources.list', sourcesList]]);
    const { sources } = aptSourcesForImage({ files });
    result = await findPendingUpdates({ installed, sources, arch: 'amd64', cacheDir: join(work, 'cache') });
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('apt itself finds updates for the stale image', () => {
    assert.ok(apt.size >= 5, `apt list --upgradable found only ${apt.size} packages`);
  });

  test('the upgradable set and candidates equal apt list --upgradable', () => {
    const ours = new Map(result.upgradable.map((u) => [u.name, u.candidate]));
    assert.deepEqual([...ours.entries()].sort(), [...apt.entries()].sort());
    assert.deepEqual(
      result.suites.map((s) => s.suite),
      ['bookworm', 'bookworm-updates', 'bookworm-security'],
    );
    assert.equal(result.namespace, 'debian:12');
  });

  test('CVE ids and changelog entries equal what dpkg-parsechangelog reads from the real .debs', async () => {
    const debs = join(work, 'debs');
    const tree = join(work, 'tree');
    await mkdir(debs, { recursive: true });
    await mkdir(tree, { recursive: true });
    await run('apt-get', [...aptOpts(aptRoot), '-qq', 'download', ...[...apt].map(([n, v]) => `${n}=${v}`)], {
      cwd: debs,
      timeoutMs: 5 * 60_000,
    });
    // Unpacked together, a doc dir symlinked to a sibling package resolves like on a real system.
    for (const f of await readdir(debs)) await run('dpkg-deb', ['-x', join(debs, f), tree]);
    const sourceVersionOf = new Map(installed.map((p) => [p.name, p.sourceVersion ?? p.version]));
    for (const u of result.upgradable) {
      // Native packages (apt) ship changelog.gz, the others changelog.Debian.gz.
      const doc = join(tree, 'usr/share/doc', u.name);
      const gz = await readFile(join(doc, 'changelog.Debian.gz')).catch(() => readFile(join(doc, 'changelog.gz')));
      const plain = join(work, `${u.name}.changelog`);
      await writeFile(plain, gunzipSync(gz));
      const since = sourceVersionOf.get(u.name) ?? '';
      const changes = (
        await run('dpkg-parsechangelog', ['-l', plain, '--since', since, '-S', 'Changes'])
      ).stdout.toString('utf8');
      const cves = changes.match(/\bCVE-\d{4}-\d{4,}\b/g) ?? [];
      const ghsas = changes.match(/\bGHSA-\w{4}-\w{4}-\w{4}\b/g) ?? [];
      const expected = [...new Set([...cves, ...ghsas])].sort();
      assert.deepEqual([...u.ids].sort(), expected, `${u.name} ${since} → ${u.candidate}`);

      // The parser against dpkg's on the whole file: versions and urgencies in order.
      const all = (await run('dpkg-parsechangelog', ['-l', plain, '--all', '--format', 'rfc822'])).stdout
        .toString('utf8')
        .split(/\n\n+/)
        .filter((s) => /^Version:/m.test(s))
        .map((s) => [/^Version: (.*)$/m.exec(s)?.[1], /^Urgency: (\S+)/m.exec(s)?.[1]?.toLowerCase()]);
      const ours = parseChangelog(gunzipSync(gz).toString('utf8')).map((e) => [e.version, e.urgency]);
      assert.deepEqual(ours, all, `${u.name}: changelog entries`);
    }
  });

  test('every bookworm-security upgrade names at least one CVE or GHSA id (tzdata aside)', () => {
    const security = result.upgradable.filter((u) => u.suite === 'bookworm-security');
    assert.ok(security.length > 0);
    // tzdata ships new time zone rules through the security suite to reach users fast; its
    // changelog names no CVE, and apt-changelog rightly makes no advisory for it.
    for (const u of security.filter((x) => x.sourceName !== 'tzdata')) {
      assert.ok(u.ids.length > 0, `${u.name} ${u.candidate} from bookworm-security names no CVE or GHSA id`);
      assert.equal(u.changelog, 'read');
    }
  });

  test('advisories: one per source package and CVE id, fixed at the candidate', () => {
    const expected = new Set<string>();
    for (const u of result.upgradable) for (const id of u.ids) expected.add(`${u.sourceName} ${id}`);
    const ours = result.advisories.map((a) => `${a.package} ${a.id}`);
    assert.deepEqual([...ours].sort(), [...expected].sort());
    const candidateOf = new Map(result.upgradable.map((u) => [u.sourceName, u.sourceVersion]));
    for (const a of result.advisories) {
      assert.equal(a.source, 'apt-changelog');
      assert.equal(a.namespace, 'debian:12');
      assert.equal(a.status, 'fixed');
      assert.equal(a.fixedVersion, candidateOf.get(a.package));
      assert.match(a.id, /^(CVE-\d{4}-\d{4,}|GHSA(-\w{4}){3})$/);
    }
  });

  test('an image already at the candidate versions has nothing pending', async () => {
    const candidate = new Map(result.upgradable.map((u) => [u.name, u]));
    const patched = installed.map((p) => {
      const u = candidate.get(p.name);
      if (!u) return p;
      // Source version follows the binary unless the index says otherwise (binNMUs).
      const { sourceVersion: _drop, ...rest } = p;
      return {
        ...rest,
        version: u.candidate,
        ...(u.sourceVersion !== u.candidate ? { sourceVersion: u.sourceVersion } : {}),
      };
    });
    const files = new Map([['etc/apt/sources.list', await tarFile(image.rootfsTar, 'etc/apt/sources.list')]]);
    const again = await findPendingUpdates({
      installed: patched,
      sources: aptSourcesForImage({ files }).sources,
      arch: 'amd64',
      cacheDir: join(work, 'cache'),
    });
    assert.deepEqual(again.upgradable, []);
    assert.deepEqual(again.advisories, []);
  });
});
