import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { run, TestbedUnavailableError } from './exec.js';
import { withDirLock } from './lock.js';
import { packTar } from './tar.js';

/**
 * Real test images, built without a Docker engine and cached across test runs and test files:
 * a reproducible Debian bookworm minbase rootfs (mmdebstrap) as an OCI layout (umoci), the same
 * image as a `docker save` tar and an oci-archive (skopeo), and a two-platform index
 * (amd64 = bookworm, arm64 = a tiny hand-made layer, no qemu needed).
 *
 * The image is built from the `bookworm` suite only, so it lacks bookworm-security updates:
 * later stages (scan) need an image with known pending fixes.
 */

/** Bump when the build steps change in a way the recipe fields do not capture. */
const SCRIPT_VERSION = 1;
export const SOURCE_DATE_EPOCH = 1700000000;
export const CREATED = new Date(SOURCE_DATE_EPOCH * 1000).toISOString().replace('.000Z', 'Z');
export const SUITE = 'bookworm';
/** The reproducible minbase flags every testbed rootfs is built with (main suite only). */
export const MMDEBSTRAP_FLAGS = [
  '--variant=minbase',
  '--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr',
  '--dpkgopt=path-exclude=/usr/share/man/*',
  '--dpkgopt=path-exclude=/usr/share/doc/*',
  '--dpkgopt=path-include=/usr/share/doc/*/copyright',
  '--dpkgopt=path-exclude=/usr/share/locale/*',
] as const;
const BOOKWORM_TAG = 'bookworm';
const ARM64_TAG = 'arm64';
const MULTI_TAG = 'multi';
const DOCKER_ARCHIVE_NAME = 'drydock-testbed/bookworm:latest';
const ARM64_OS_RELEASE = [
  'PRETTY_NAME="drydock testbed (arm64)"',
  'NAME="drydock-testbed"',
  'ID=drydock-testbed',
  'VERSION_ID="1"',
  '',
].join('\n');
const ARM64_MARKER_PATH = 'etc/drydock-testbed-arch';
const ARM64_MARKER = 'arm64\n';

/** What skopeo reports for one image (the reference the tests compare drydock with). */
export interface ImageDigests {
  /** sha256 of `skopeo inspect --raw` (the manifest bytes). */
  readonly manifestDigest: string;
  readonly manifestMediaType: string;
  readonly configDigest: string;
  /** Layer blob digests as stored (gzip for OCI, uncompressed tar for docker-archive). */
  readonly layerDigests: readonly string[];
  /** rootfs.diff_ids from the config (uncompressed tar digests). */
  readonly diffIds: readonly string[];
  readonly architecture: string;
  readonly os: string;
}

export interface TestImages {
  /** The cache directory holding everything below. */
  readonly dir: string;
  readonly recipeHash: string;
  /** True when this call built the images (false: cache hit). */
  readonly built: boolean;
  /** The Debian package mirror the rootfs came from. */
  readonly mirror: string;
  /** The mmdebstrap rootfs tar (uncompressed; also the single layer's content). */
  readonly rootfsTar: string;
  /** OCI layout with tags `bookworm` (amd64) and `arm64`; skopeo ref `oci:${dir}:${tag}`. */
  readonly ociLayout: {
    readonly dir: string;
    readonly tags: { readonly bookworm: string; readonly arm64: string };
    readonly bookworm: ImageDigests;
    readonly arm64: ImageDigests;
  };
  /** `docker save` format (v2s2 config, uncompressed layers), repo tag `drydock-testbed/bookworm:latest`. */
  readonly dockerArchive: { readonly path: string; readonly reference: string } & ImageDigests;
  /** oci-archive of the bookworm image (same blobs as the layout), tag `bookworm`. */
  readonly ociArchive: { readonly path: string; readonly tag: string } & ImageDigests;
  /**
   * OCI layout whose index.json holds one entry (tag `multi`): an image index with the bookworm
   * amd64 manifest and the arm64 manifest, each with its platform. Blobs are hard links.
   */
  readonly multiArchLayout: {
    readonly dir: string;
    readonly tag: string;
    readonly indexDigest: string;
    readonly indexMediaType: string;
    readonly manifests: { readonly amd64: ImageDigests; readonly arm64: ImageDigests };
  };
  /** Build statistics (from the build that filled the cache). */
  readonly stats: { readonly buildMs: number; readonly rootfsBytes: number; readonly layerBytes: number };
}

/** testbed.json: TestImages with paths relative to the cache dir. */
type Stored = Omit<TestImages, 'dir' | 'built'>;

/** `$DRYDOCK_TESTBED_DIR`, else `$XDG_CACHE_HOME/drydock-testbed`, else `~/.cache/drydock-testbed`. */
export function testbedRoot(): string {
  const explicit = process.env.DRYDOCK_TESTBED_DIR;
  if (explicit) return resolve(explicit);
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'drydock-testbed');
}

/**
 * The Debian mirror for the `bookworm` suite, read from the machine's apt sources (deb822
 * `debian.sources` or a one-line `sources.list`); `DRYDOCK_TESTBED_MIRROR` overrides it.
 */
export async function debianMirror(): Promise<string> {
  const override = process.env.DRYDOCK_TESTBED_MIRROR;
  if (override) return override.replace(/\/+$/, '');
  const deb822 = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => undefined);
  if (deb822 !== undefined) {
    for (const stanza of deb822.split(/\n\s*\n/)) {
      const uris = /^URIs:\s*(.+)$/m.exec(stanza)?.[1]?.trim().split(/\s+/);
      const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1]?.trim().split(/\s+/) ?? [];
      if (uris?.[0] && suites.includes(SUITE)) return uris[0].replace(/\/+$/, '');
    }
  }
  const list = await readFile('/etc/apt/sources.list', 'utf8').catch(() => '');
  const m = new RegExp(`^deb\\s+(?:\\[[^\\]]*\\]\\s+)?(\\S+)\\s+${SUITE}\\s`, 'm').exec(list);
  if (m?.[1]) return m[1].replace(/\/+$/, '');
  throw new TestbedUnavailableError(
    'no Debian mirror for bookworm in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list; set DRYDOCK_TESTBED_MIRROR',
  );
}

function recipe(mirror: string) {
  return {
    scriptVersion: SCRIPT_VERSION,
    sourceDateEpoch: SOURCE_DATE_EPOCH,
    suite: SUITE,
    mirror,
    mmdebstrap: MMDEBSTRAP_FLAGS,
    created: CREATED,
    cmd: ['bash'],
    dockerArchiveName: DOCKER_ARCHIVE_NAME,
    arm64: { osRelease: ARM64_OS_RELEASE, marker: [ARM64_MARKER_PATH, ARM64_MARKER] },
  };
}

const memo = new Map<string, Promise<TestImages>>();

/**
 * Builds the test images once (about 20 s, needs the Debian mirror) and returns the cached ones
 * afterwards. Safe to call from several test processes at once: one builds under a lock, the
 * others wait, then all read the same directory. Throws TestbedUnavailableError when a tool is
 * missing or the mirror cannot be reached.
 */
export function ensureTestImages(): Promise<TestImages> {
  const root = testbedRoot();
  let p = memo.get(root);
  if (!p) {
    p = ensure(root);
    memo.set(root, p);
    p.catch(() => memo.delete(root));
  }
  return p;
}

async function ensure(root: string): Promise<TestImages> {
  const mirror = await debianMirror();
  return ensureCached(root, recipe(mirror), load, (tmp, hash) => build(tmp, mirror, hash));
}

/** Short hash of a recipe: the cache directory's name. */
export function recipeHash(r: unknown): string {
  return createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 16);
}

/**
 * The cache protocol every testbed image shares: `root/<recipe hash>/testbed.json` marks a finished
 * build. A miss builds into a temp dir under a per-recipe lock (other processes wait), writes
 * recipe.json and testbed.json (with `stats.buildMs` filled in) and renames it into place, so a
 * killed build never leaves a half directory that looks finished.
 */
export async function ensureCached<S extends { readonly stats: { readonly buildMs: number } }, T>(
  root: string,
  r: unknown,
  loadDir: (dir: string) => Promise<T | undefined>,
  buildInto: (tmp: string, hash: string) => Promise<S>,
): Promise<T & { built: boolean }> {
  const hash = recipeHash(r);
  const dir = join(root, hash);
  const cached = await loadDir(dir);
  if (cached) return { ...cached, built: false };
  await mkdir(root, { recursive: true });
  return withDirLock(join(root, `${hash}.lock`), async () => {
    const again = await loadDir(dir);
    if (again) return { ...again, built: false };
    // Under the lock, any earlier temp dir for this recipe is the leftover of a killed build.
    for (const name of await readdir(root)) {
      if (name.startsWith(`.tmp-${hash}-`)) await rm(join(root, name), { recursive: true, force: true });
    }
    const tmp = join(root, `.tmp-${hash}-${process.pid}-${Date.now()}`);
    await mkdir(tmp, { recursive: true });
    try {
      const started = Date.now();
      const stored = await buildInto(tmp, hash);
      const withStats = { ...stored, stats: { ...stored.stats, buildMs: Date.now() - started } };
      await writeFile(join(tmp, 'recipe.json'), `${JSON.stringify(r, null, 2)}\n`);
      await writeFile(join(tmp, 'testbed.json'), `${JSON.stringify(withStats, null, 2)}\n`);
      await rename(tmp, dir);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
    const fresh = await loadDir(dir);
    if (!fresh) throw new Error(`testbed: ${dir}/testbed.json missing right after the build`);
    return { ...fresh, built: true };
  });
}

/** A finished cache entry's testbed.json (paths still relative to `dir`), or undefined when absent. */
export async function readStored<S>(dir: string): Promise<S | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, 'testbed.json'), 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as S;
}

async function load(dir: string): Promise<TestImages | undefined> {
  const s = await readStored<Stored>(dir);
  if (!s) return undefined;
  return {
    ...s,
    dir,
    built: false,
    rootfsTar: join(dir, s.rootfsTar),
    ociLayout: { ...s.ociLayout, dir: join(dir, s.ociLayout.dir) },
    dockerArchive: { ...s.dockerArchive, path: join(dir, s.dockerArchive.path) },
    ociArchive: { ...s.ociArchive, path: join(dir, s.ociArchive.path) },
    multiArchLayout: { ...s.multiArchLayout, dir: join(dir, s.multiArchLayout.dir) },
  };
}

/** Fails fast, with a clear message, when the mirror is not reachable (mmdebstrap would take longer to say so). */
export async function probeMirror(mirror: string): Promise<void> {
  const url = `${mirror}/dists/${SUITE}/InRelease`;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new TestbedUnavailableError(
      `testbed: the Debian mirror ${mirror} is not reachable (${url}: ${(e as Error).message}); the bookworm test image cannot be built`,
    );
  }
}

/** The environment every build tool runs with: fixed SOURCE_DATE_EPOCH (reproducible bytes), C locale. */
export function buildEnv(): NodeJS.ProcessEnv {
  return { ...process.env, SOURCE_DATE_EPOCH: String(SOURCE_DATE_EPOCH), LC_ALL: 'C.UTF-8' };
}

/**
 * A reproducible bookworm minbase rootfs tar from the main suite only (`include`: extra packages,
 * e.g. python3). A failure is TestbedUnavailableError: it is nearly always the mirror.
 */
export async function mmdebstrap(out: string, mirror: string, include: readonly string[] = []): Promise<void> {
  const extra = include.length > 0 ? [`--include=${include.join(',')}`] : [];
  try {
    await run('mmdebstrap', ['--quiet', ...MMDEBSTRAP_FLAGS, ...extra, SUITE, out, mirror], {
      env: buildEnv(),
      timeoutMs: 10 * 60_000,
    });
  } catch (e) {
    if (e instanceof TestbedUnavailableError) throw e;
    throw new TestbedUnavailableError(
      `testbed: mmdebstrap could not build bookworm${extra.length ? ` (${extra[0]})` : ''} from ${mirror}: ${(e as Error).message}`,
    );
  }
}

async function build(tmp: string, mirror: string, hash: string): Promise<Stored> {
  await probeMirror(mirror);
  const env = buildEnv();

  // 1. rootfs
  const rootfs = join(tmp, 'bookworm-rootfs.tar');
  await mmdebstrap(rootfs, mirror);

  // 2. OCI layout: bookworm (amd64) and a tiny arm64 image.
  const oci = join(tmp, 'oci');
  const at = (tag: string) => `${oci}:${tag}`;
  await run('umoci', ['init', '--layout', oci], { env });
  await addRootfsImage(oci, BOOKWORM_TAG, rootfs);
  const armTar = join(tmp, 'arm64-layer.tar');
  await writeFile(armTar, await arm64LayerTar());
  await run('umoci', ['new', '--image', at(ARM64_TAG)], { env });
  await run('umoci', ['raw', 'add-layer', `--history.created=${CREATED}`, '--image', at(ARM64_TAG), armTar], { env });
  await run(
    'umoci',
    [
      'config',
      '--image',
      at(ARM64_TAG),
      `--created=${CREATED}`,
      `--history.created=${CREATED}`,
      '--architecture=arm64',
      '--os=linux',
      '--config.cmd=/bin/sh',
    ],
    { env },
  );
  await run('umoci', ['gc', '--layout', oci], { env });
  await rm(armTar);

  const bookworm = await inspect(`oci:${at(BOOKWORM_TAG)}`);
  const arm64 = await inspect(`oci:${at(ARM64_TAG)}`);

  // 3. docker-archive and oci-archive of bookworm.
  const dockerArchive = join(tmp, 'bookworm.docker.tar');
  const ociArchive = join(tmp, 'bookworm.oci.tar');
  await run(
    'skopeo',
    ['copy', '--quiet', `oci:${at(BOOKWORM_TAG)}`, `docker-archive:${dockerArchive}:${DOCKER_ARCHIVE_NAME}`],
    {
      env,
    },
  );
  await run('skopeo', ['copy', '--quiet', `oci:${at(BOOKWORM_TAG)}`, `oci-archive:${ociArchive}:${BOOKWORM_TAG}`], {
    env,
  });
  const dockerDigests = await inspect(`docker-archive:${dockerArchive}`);
  const ociArchiveDigests = await inspect(`oci-archive:${ociArchive}:${BOOKWORM_TAG}`);

  // 4. Multi-arch layout: same blobs (hard links), hand-written image index, one index.json entry.
  const multi = join(tmp, 'multi');
  await mkdir(join(multi, 'blobs', 'sha256'), { recursive: true });
  for (const name of await readdir(join(oci, 'blobs', 'sha256'))) {
    await link(join(oci, 'blobs', 'sha256', name), join(multi, 'blobs', 'sha256', name));
  }
  const ociIndex = JSON.parse(await readFile(join(oci, 'index.json'), 'utf8')) as {
    manifests: { digest: string; size: number; mediaType: string; annotations?: Record<string, string> }[];
  };
  const entry = (tag: string) => {
    const d = ociIndex.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag);
    if (!d) throw new Error(`testbed: tag ${tag} missing from ${oci}/index.json`);
    return d;
  };
  const imageIndex = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { ...pick(entry(BOOKWORM_TAG)), platform: { architecture: 'amd64', os: 'linux' } },
      { ...pick(entry(ARM64_TAG)), platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
    ],
  };
  const indexBytes = Buffer.from(JSON.stringify(imageIndex));
  const indexDigest = `sha256:${createHash('sha256').update(indexBytes).digest('hex')}`;
  await writeFile(join(multi, 'blobs', 'sha256', indexDigest.slice(7)), indexBytes);
  await writeFile(join(multi, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(multi, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: imageIndex.mediaType,
          digest: indexDigest,
          size: indexBytes.length,
          annotations: { 'org.opencontainers.image.ref.name': MULTI_TAG },
        },
      ],
    }),
  );
  const multiRaw = (await run('skopeo', ['inspect', '--raw', `oci:${multi}:${MULTI_TAG}`], { env })).stdout;
  const multiDigest = `sha256:${createHash('sha256').update(multiRaw).digest('hex')}`;
  if (multiDigest !== indexDigest) {
    throw new Error(`testbed: skopeo reads the multi-arch index as ${multiDigest}, written as ${indexDigest}`);
  }

  const layerBlob = bookworm.layerDigests[0];
  const layerBytes = layerBlob ? (await stat(join(oci, 'blobs', 'sha256', layerBlob.slice(7)))).size : 0;
  return {
    recipeHash: hash,
    mirror,
    rootfsTar: 'bookworm-rootfs.tar',
    ociLayout: { dir: 'oci', tags: { bookworm: BOOKWORM_TAG, arm64: ARM64_TAG }, bookworm, arm64 },
    dockerArchive: { path: 'bookworm.docker.tar', reference: DOCKER_ARCHIVE_NAME, ...dockerDigests },
    ociArchive: { path: 'bookworm.oci.tar', tag: BOOKWORM_TAG, ...ociArchiveDigests },
    multiArchLayout: {
      dir: 'multi',
      tag: MULTI_TAG,
      indexDigest,
      indexMediaType: imageIndex.mediaType,
      manifests: { amd64: bookworm, arm64 },
    },
    stats: { buildMs: 0, rootfsBytes: (await stat(rootfs)).size, layerBytes },
  };
}

/**
 * Adds an amd64 image with one layer (the rootfs tar, gzip by umoci) and `CMD ["bash"]` to an
 * existing OCI layout as `tag`; fixed creation times keep the digests stable.
 */
export async function addRootfsImage(oci: string, tag: string, rootfsTar: string): Promise<void> {
  const env = buildEnv();
  const ref = `${oci}:${tag}`;
  await run('umoci', ['new', '--image', ref], { env });
  await run('umoci', ['raw', 'add-layer', `--history.created=${CREATED}`, '--image', ref, rootfsTar], { env });
  await run(
    'umoci',
    [
      'config',
      '--image',
      ref,
      `--created=${CREATED}`,
      `--history.created=${CREATED}`,
      '--config.cmd=bash',
      '--architecture=amd64',
      '--os=linux',
    ],
    { env },
  );
}

function pick(d: { digest: string; size: number; mediaType: string }) {
  return { mediaType: d.mediaType, digest: d.digest, size: d.size };
}

interface RawManifest {
  mediaType?: string;
  config?: { digest: string };
  layers?: { digest: string }[];
}

/** skopeo's view of one image: manifest digest (sha256 of the raw bytes), config and layer digests. */
export async function inspect(ref: string): Promise<ImageDigests> {
  const raw = (await run('skopeo', ['inspect', '--raw', ref])).stdout;
  const manifest = JSON.parse(raw.toString('utf8')) as RawManifest;
  const config = JSON.parse((await run('skopeo', ['inspect', '--config', '--raw', ref])).stdout.toString('utf8')) as {
    architecture?: string;
    os?: string;
    rootfs?: { diff_ids?: string[] };
  };
  if (!manifest.config || !manifest.layers) throw new Error(`testbed: ${ref} is not a single-image manifest`);
  return {
    manifestDigest: `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    manifestMediaType: manifest.mediaType ?? 'application/vnd.oci.image.manifest.v1+json',
    configDigest: manifest.config.digest,
    layerDigests: manifest.layers.map((l) => l.digest),
    diffIds: config.rootfs?.diff_ids ?? [],
    architecture: config.architecture ?? '',
    os: config.os ?? '',
  };
}

/** The arm64 image's only layer: os-release and a marker file, fixed owners and times. */
function arm64LayerTar(): Promise<Buffer> {
  return packTar([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/os-release', content: ARM64_OS_RELEASE },
    { name: ARM64_MARKER_PATH, content: ARM64_MARKER },
  ]);
}

/**
 * For tests: the image a testbed builder gives, or a skip (with the reason) when it cannot be built
 * here, e.g. no mirror. With DRYDOCK_TESTBED_REQUIRED=1 (CI) that is a failure instead.
 */
export async function imageOrSkip<T>(
  ensure: () => Promise<T>,
  t: { skip(message?: string): void },
): Promise<T | undefined> {
  try {
    return await ensure();
  } catch (e) {
    if (e instanceof TestbedUnavailableError && process.env.DRYDOCK_TESTBED_REQUIRED !== '1') {
      t.skip(e.message);
      return undefined;
    }
    throw e;
  }
}

/** The base images, or a skip: see imageOrSkip. */
export function testImagesOrSkip(t: { skip(message?: string): void }): Promise<TestImages | undefined> {
  return imageOrSkip(ensureTestImages, t);
}

/** A single-rootfs image packaged both ways: an OCI layout (one tag) and a `docker save` archive. */
export interface PackagedRootfs {
  readonly ociDigests: ImageDigests;
  readonly dockerDigests: ImageDigests;
  readonly rootfsBytes: number;
  readonly layerBytes: number;
}

/**
 * Packages a rootfs tar as `tmp/oci` (tag `tag`) and as the docker-archive `tmp/archiveFile` named
 * `archiveName`, and returns skopeo's view of both (what tests compare drydock with).
 */
export async function packageRootfs(
  tmp: string,
  rootfsTar: string,
  tag: string,
  archiveFile: string,
  archiveName: string,
): Promise<PackagedRootfs> {
  const env = buildEnv();
  const oci = join(tmp, 'oci');
  await run('umoci', ['init', '--layout', oci], { env });
  await addRootfsImage(oci, tag, rootfsTar);
  await run('umoci', ['gc', '--layout', oci], { env });
  const ociDigests = await inspect(`oci:${oci}:${tag}`);
  const dockerArchive = join(tmp, archiveFile);
  await rm(dockerArchive, { force: true });
  await run('skopeo', ['copy', '--quiet', `oci:${oci}:${tag}`, `docker-archive:${dockerArchive}:${archiveName}`], {
    env,
  });
  const dockerDigests = await inspect(`docker-archive:${dockerArchive}`);
  const layerBlob = ociDigests.layerDigests[0];
  return {
    ociDigests,
    dockerDigests,
    rootfsBytes: (await stat(rootfsTar)).size,
    layerBytes: layerBlob ? (await stat(join(oci, 'blobs', 'sha256', layerBlob.slice(7)))).size : 0,
  };
}

/** True when the cache already holds the images (no build, no mirror access needed). */
export async function testImagesCached(): Promise<boolean> {
  try {
    const mirror = await debianMirror();
    const hash = recipeHash(recipe(mirror));
    return existsSync(join(testbedRoot(), hash, 'testbed.json'));
  } catch {
    return false;
  }
}
