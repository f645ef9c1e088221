import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/dockerfile/config.js';
import { fixDockerfile } from '../../src/dockerfile/fix/fix-dockerfile.js';
import { prepareLinter } from '../../src/dockerfile/linter.js';
import { runCli } from '../support/run-cli.js';
import { run, TestbedUnavailableError } from './exec.js';
import { buildEnv, CREATED, ensureCached, imageOrSkip, inspect, testbedRoot } from './images.js';
import { debianSecurityMirror, PATCHED_SUITES, utcDay } from './patched-image.js';
import { pushImage } from './push.js';
import { ensurePythonImage } from './python-image.js';
import { startRegistry } from './registry.js';
import { packTar } from './tar.js';

/**
 * The proof of issue #6: the bundled example, hardened by `drydock fix --write`, builds and runs
 * as the new user with nothing left to upgrade. Three images, each an OCI layout:
 *
 * - base: a python:3.11-like bookworm image (the testbed python3 image: mmdebstrap python3 +
 *   python3-pip from `bookworm` only, so it has pending security updates) plus one layer naming
 *   bookworm, bookworm-updates and bookworm-security in /etc/apt/sources.list (so `apt-get upgrade`
 *   in a build patches it) and making pip install system-wide like the official image. It is
 *   wrapped in a one-platform image index, so the pin fix must pick the index digest.
 * - unhardened: examples/migrate-platform built as it is (with the offline substitutions below).
 * - fixed: the same context after `drydock fix --write`, whose digest pin fix resolved itself
 *   from a `startRegistry()` registry the base was pushed to.
 *
 * Offline substitutions (this machine reaches Debian's mirror and nothing else), applied to a copy
 * of the example, never to the example: FROM names the local registry; the nodesource `curl | bash`
 * line becomes a comment (deb.nodesource.com is unreachable; fix leaves it to a human anyway, as
 * DD5001); requirements.txt lists what the base already has (PyPI is unreachable), and the base's
 * /etc/pip.conf sets no-index so pip never waits on the network.
 *
 * Builds use buildah (vfs, chroot isolation) in a private storage root that is deleted after the
 * layouts are exported; `whoami` and `apt list --upgradable` run in podman at build time and are
 * recorded. The cache key holds the UTC day, as the security suite moves: at most a day old.
 */

/** Bump when the build steps change in a way the recipe fields do not capture. */
const SCRIPT_VERSION = 1;
const EXAMPLE_DIR = join(import.meta.dirname, '../../examples/migrate-platform');
const REPOSITORY = 'library/python';
const TAG = '3.11';
/** Stands for the registry's `127.0.0.1:PORT` in recipes: the port changes every run. */
export const REGISTRY_PLACEHOLDER = 'registry.invalid:5000';
const NODESOURCE_LINE = 'RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -';
const NODESOURCE_COMMENT =
  '# (drydock test context) the nodesource setup is removed: deb.nodesource.com is unreachable from the test machine';
const REQUIREMENTS = [
  '# (drydock test context) PyPI is unreachable from the test machine: only what the base image already has,',
  '# so pip resolves everything from the installed packages (the base sets no-index in /etc/pip.conf).',
  'pip',
  'setuptools',
  'wheel',
  '',
].join('\n');
/**
 * pip as in the official python image: installs system-wide without complaint. Deleting Debian's
 * EXTERNALLY-MANAGED marker is not enough on its own: `apt-get upgrade` of python3.11 puts it back.
 */
const PIP_CONF = [
  '# drydock testbed: PyPI is unreachable here (no-index) and pip installs system-wide like the',
  '# official python image (break-system-packages survives an upgrade of python3.11).',
  '[global]',
  'no-index = true',
  'disable-pip-version-check = true',
  'break-system-packages = true',
  '',
].join('\n');
const PODMAN_ULIMITS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

export interface ExampleBase {
  /** OCI layout; tag `3.11` names the one-platform image index. */
  readonly ociDir: string;
  readonly tag: string;
  readonly indexDigest: string;
  /** The amd64 manifest inside the index. */
  readonly manifestDigest: string;
  readonly sourcesList: string;
}

export interface BuiltExample {
  /** OCI layout exported with `buildah push … oci:DIR:TAG`. */
  readonly ociDir: string;
  readonly tag: string;
  readonly manifestDigest: string;
  readonly configDigest: string;
  /** The Dockerfile the image was built from (FROM names the registry of that build). */
  readonly dockerfile: string;
  /** `whoami` in the image, run by podman at build time. */
  readonly whoami: string;
  /** `apt list --upgradable` after `apt-get update` as root in the image, at build time. */
  readonly upgradable: readonly string[];
}

export interface ExampleImages {
  readonly dir: string;
  readonly recipeHash: string;
  /** True when this call built the images (false: cache hit). */
  readonly built: boolean;
  readonly day: string;
  readonly builtAt: string;
  readonly base: ExampleBase;
  readonly unhardened: BuiltExample;
  readonly fixed: BuiltExample;
  /** What `drydock fix --write` printed on stderr (the "needs a human" list). */
  readonly fixStderr: string;
  readonly stats: {
    readonly buildMs: number;
    readonly fixMs: number;
    readonly unhardenedBuildMs: number;
    readonly fixedBuildMs: number;
    /** Builds of the fixed image until its check saw the same index as its build (see build()). */
    readonly fixedAttempts: number;
    readonly checksMs: number;
  };
}

type StoredBase = Omit<ExampleBase, 'ociDir'> & {
  readonly ociDir: string;
  readonly stats: { readonly buildMs: number };
};
type Stored = Omit<ExampleImages, 'dir' | 'built'>;

// ---------------------------------------------------------------------------------------------
// The test contexts: the example with the offline substitutions.

/** The example's files (relative path → content), the input of the recipe and of every context. */
async function exampleFiles(): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(EXAMPLE_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out.set(relative(EXAMPLE_DIR, full), await readFile(full));
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** The example Dockerfile with the offline substitutions, FROM pointed at `registry`. */
export function substitutedDockerfile(original: string, registry: string): string {
  const from = /^FROM python:3\.11$/m;
  if (!from.test(original) || !original.includes(NODESOURCE_LINE)) {
    throw new Error(
      'testbed: examples/migrate-platform/Dockerfile changed: update the substitutions in example-images.ts',
    );
  }
  return original.replace(from, `FROM ${registry}/${REPOSITORY}:${TAG}`).replace(NODESOURCE_LINE, NODESOURCE_COMMENT);
}

/** Writes a build context: the example's files, substituted; returns its Dockerfile's path. */
export async function writeExampleContext(
  dir: string,
  files: ReadonlyMap<string, Buffer>,
  registry: string,
): Promise<string> {
  for (const [name, content] of files) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  await writeFile(
    join(dir, 'Dockerfile'),
    substitutedDockerfile(files.get('Dockerfile')?.toString('utf8') ?? '', registry),
  );
  await writeFile(join(dir, 'requirements.txt'), REQUIREMENTS);
  return join(dir, 'Dockerfile');
}

/** `127.0.0.1:PORT` → the placeholder, so texts from different runs compare. */
export function normalizeRegistry(text: string, host: string): string {
  return text.split(host).join(REGISTRY_PLACEHOLDER);
}

// ---------------------------------------------------------------------------------------------
// The base image.

function sourcesListFor(mirror: string, security: string): string {
  return [
    `deb ${mirror} ${PATCHED_SUITES[0]} main`,
    `deb ${mirror} ${PATCHED_SUITES[1]} main`,
    `deb ${security} ${PATCHED_SUITES[2]} main`,
    '',
  ].join('\n');
}

/** The python3 image plus one layer, in a one-platform index: cheap (a copy and a small layer), cached. */
async function ensureBase(): Promise<ExampleBase> {
  const python = await ensurePythonImage();
  const security = await debianSecurityMirror(python.mirror);
  const sourcesList = sourcesListFor(python.mirror, security);
  const recipe = {
    kind: 'example-base',
    scriptVersion: SCRIPT_VERSION,
    python: python.recipeHash,
    sourcesList,
    pip: PIP_CONF,
  };
  const loadBase = async (dir: string): Promise<ExampleBase | undefined> => {
    try {
      const s = JSON.parse(await readFile(join(dir, 'testbed.json'), 'utf8')) as StoredBase;
      return { ...s, ociDir: join(dir, s.ociDir) };
    } catch {
      return undefined;
    }
  };
  return ensureCached(testbedRoot(), recipe, loadBase, async (tmp): Promise<StoredBase> => {
    const env = buildEnv();
    const oci = join(tmp, 'oci');
    await cp(python.ociLayout.dir, oci, { recursive: true });
    const overlay = join(tmp, 'overlay.tar');
    await writeFile(
      overlay,
      await packTar([
        { name: 'etc/', type: 'directory' },
        { name: 'etc/apt/', type: 'directory' },
        { name: 'etc/apt/sources.list', content: sourcesList },
        { name: 'etc/pip.conf', content: PIP_CONF },
        { name: 'usr/', type: 'directory' },
        { name: 'usr/lib/', type: 'directory' },
        { name: 'usr/lib/python3.11/', type: 'directory' },
        // A whiteout: the file is gone in this layer, as in the official image (no Debian python there).
        { name: 'usr/lib/python3.11/.wh.EXTERNALLY-MANAGED' },
      ]),
    );
    const image = `${oci}:${python.ociLayout.tag}`;
    await run('umoci', ['raw', 'add-layer', `--history.created=${CREATED}`, '--image', image, overlay], { env });
    await rm(overlay);
    const manifest = await inspect(`oci:${image}`);
    const indexDigest = await wrapInIndex(oci, python.ociLayout.tag, TAG);
    return {
      ociDir: 'oci',
      tag: TAG,
      indexDigest,
      manifestDigest: manifest.manifestDigest,
      sourcesList,
      stats: { buildMs: 0 },
    };
  });
}

/**
 * Replaces the layout's `from` tag with `to`, naming an OCI image index that holds the manifest
 * for linux/amd64: registries then serve an index for the tag, as Docker Hub does for python.
 */
async function wrapInIndex(oci: string, from: string, to: string): Promise<string> {
  const indexPath = join(oci, 'index.json');
  const layout = JSON.parse(await readFile(indexPath, 'utf8')) as {
    manifests: { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }[];
  };
  const entry = layout.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === from);
  if (!entry) throw new Error(`testbed: tag ${from} missing from ${indexPath}`);
  const imageIndex = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: entry.mediaType,
        digest: entry.digest,
        size: entry.size,
        platform: { architecture: 'amd64', os: 'linux' },
      },
    ],
  };
  const bytes = Buffer.from(JSON.stringify(imageIndex));
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  await writeFile(join(oci, 'blobs', 'sha256', digest.slice(7)), bytes);
  await writeFile(
    indexPath,
    JSON.stringify({
      schemaVersion: 2,
      mediaType: imageIndex.mediaType,
      manifests: [
        {
          mediaType: imageIndex.mediaType,
          digest,
          size: bytes.length,
          annotations: { 'org.opencontainers.image.ref.name': to },
        },
      ],
    }),
  );
  return digest;
}

// ---------------------------------------------------------------------------------------------
// The builds.

/**
 * The fixed Dockerfile `drydock fix` will write, predicted offline (digest and WorkingDir as the
 * registry will answer): part of the recipe, so any change to what fix writes rebuilds the images.
 */
async function predictFixed(files: ReadonlyMap<string, Buffer>, base: ExampleBase): Promise<string> {
  await prepareLinter();
  const text = substitutedDockerfile(files.get('Dockerfile')?.toString('utf8') ?? '', REGISTRY_PLACEHOLDER);
  const facts = new Map([
    [`${REGISTRY_PLACEHOLDER}/${REPOSITORY}:${TAG}`, { digest: base.indexDigest, workingDir: '' }],
  ]);
  return fixDockerfile(text, 'Dockerfile', { config: { ...DEFAULT_CONFIG, imageFacts: facts } }).output;
}

function recipe(files: ReadonlyMap<string, Buffer>, base: ExampleBase, fixed: string, day: string) {
  const example = createHash('sha256');
  for (const [name, content] of files) example.update(`${name}\u0000`).update(content).update('\u0000');
  return {
    kind: 'migrate-platform-example',
    scriptVersion: SCRIPT_VERSION,
    base: base.indexDigest,
    example: example.digest('hex'),
    nodesource: NODESOURCE_COMMENT,
    requirements: REQUIREMENTS,
    fixed,
    day,
  };
}

const memo = new Map<string, Promise<ExampleImages>>();

/**
 * Builds the three images once a day (a few minutes: two buildah builds that install the example's
 * packages from the Debian mirror) and returns the cached ones otherwise; concurrent processes
 * share one build under the cache lock. Throws TestbedUnavailableError when a tool or the mirror
 * is missing.
 */
export function ensureExampleImages(): Promise<ExampleImages> {
  const key = `${testbedRoot()}\u0000${utcDay()}`;
  let p = memo.get(key);
  if (!p) {
    p = (async () => {
      if (process.getuid?.() !== 0) {
        throw new TestbedUnavailableError('testbed: the example images are built with buildah and podman as root');
      }
      const base = await ensureBase();
      const files = await exampleFiles();
      const day = utcDay();
      const fixed = await predictFixed(files, base);
      return ensureCached(testbedRoot(), recipe(files, base, fixed, day), load(base), (tmp, hash) =>
        build(tmp, hash, files, base, fixed, day),
      );
    })();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

/** For tests: the images, or a skip when they cannot be built here (a failure with DRYDOCK_TESTBED_REQUIRED=1). */
export function exampleImagesOrSkip(t: { skip(message?: string): void }): Promise<ExampleImages | undefined> {
  return imageOrSkip(ensureExampleImages, t);
}

function load(base: ExampleBase) {
  return async (dir: string): Promise<ExampleImages | undefined> => {
    let text: string;
    try {
      text = await readFile(join(dir, 'testbed.json'), 'utf8');
    } catch {
      return undefined;
    }
    const s = JSON.parse(text) as Stored;
    return {
      ...s,
      dir,
      built: false,
      base,
      unhardened: { ...s.unhardened, ociDir: join(dir, s.unhardened.ociDir) },
      fixed: { ...s.fixed, ociDir: join(dir, s.fixed.ociDir) },
    };
  };
}

/**
 * buildah and podman on a private vfs storage root (no daemon, nothing shared with the host's
 * images). The run root holds sockets, whose paths podman keeps under 50 characters.
 */
function containerTools(storage: string, runRoot: string) {
  const global = ['--root', storage, '--runroot', runRoot, '--storage-driver', 'vfs'];
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  const timeoutMs = 20 * 60_000;
  return {
    buildah: (args: readonly string[]) => run('buildah', [...global, ...args], { env, timeoutMs }),
    podman: (args: readonly string[]) =>
      run('podman', [...global, '--cgroup-manager', 'cgroupfs', ...args], { env, timeoutMs: 5 * 60_000 }),
  };
}

async function build(
  tmp: string,
  hash: string,
  files: ReadonlyMap<string, Buffer>,
  base: ExampleBase,
  predicted: string,
  day: string,
): Promise<Stored & { stats: { buildMs: number } }> {
  const builtAt = new Date().toISOString();
  const storage = join(tmp, 'storage');
  // .debs downloaded by one build are reused by the next (also across days): only speed, the
  // image content is the same, and the archives never enter a layer (a volume, not the rootfs).
  const aptArchives = join(testbedRoot(), 'example-apt-archives');
  await mkdir(aptArchives, { recursive: true });
  const runRoot = await mkdtemp(join(tmpdir(), 'dd-run-'));
  const tools = containerTools(storage, runRoot);
  const registry = await startRegistry();
  try {
    const pushed = await pushImage(`oci:${base.ociDir}:${base.tag}`, `${registry.host}/${REPOSITORY}:${TAG}`, {
      multiArch: true,
    });
    if (pushed !== base.indexDigest)
      throw new Error(`testbed: pushed ${pushed}, the layout's index is ${base.indexDigest}`);

    const unhardenedContext = join(tmp, 'context-unhardened');
    const fixedContext = join(tmp, 'context-fixed');
    await writeExampleContext(unhardenedContext, files, registry.host);
    const fixedDockerfile = await writeExampleContext(fixedContext, files, registry.host);

    // The real thing: the CLI, digests resolved by fix itself from the registry.
    const started = Date.now();
    const fix = await runCli(['fix', fixedDockerfile, '--write']);
    const fixMs = Date.now() - started;
    if (fix.code !== 0) throw new Error(`testbed: drydock fix --write exited ${fix.code}:\n${fix.stderr}`);
    const fixedText = await readFile(fixedDockerfile, 'utf8');
    if (normalizeRegistry(fixedText, registry.host) !== predicted) {
      throw new Error(`testbed: drydock fix wrote something else than predicted:\n${fixedText}`);
    }

    const unhardened = await buildExample(tools, 'unhardened', unhardenedContext, tmp, aptArchives);
    // deb.debian.org is a CDN whose backends can serve index snapshots a day apart: a build that
    // drew the older one misses an update the check (a minute later) then sees. The image is
    // right for the index it was built from; building again draws the current one.
    let fixed = await buildExample(tools, 'fixed', fixedContext, tmp, aptArchives);
    let fixedAttempts = 1;
    while (fixed.image.upgradable.length > 0 && fixedAttempts < 3) {
      fixedAttempts++;
      await rm(join(tmp, 'fixed'), { recursive: true, force: true });
      fixed = await buildExample(tools, 'fixed', fixedContext, tmp, aptArchives);
    }
    return {
      recipeHash: hash,
      day,
      builtAt,
      base,
      unhardened: unhardened.image,
      fixed: fixed.image,
      fixStderr: fix.stderr,
      stats: {
        buildMs: 0,
        fixMs,
        unhardenedBuildMs: unhardened.buildMs,
        fixedBuildMs: fixed.buildMs,
        fixedAttempts,
        checksMs: unhardened.checksMs + fixed.checksMs,
      },
    };
  } finally {
    await registry.stop();
    await rm(storage, { recursive: true, force: true });
    await rm(runRoot, { recursive: true, force: true });
  }
}

type Tools = ReturnType<typeof containerTools>;

/** One buildah build, exported as an OCI layout, then whoami and apt list --upgradable in podman. */
async function buildExample(
  tools: Tools,
  kind: 'unhardened' | 'fixed',
  context: string,
  tmp: string,
  aptArchives: string,
): Promise<{ image: BuiltExample; buildMs: number; checksMs: number }> {
  const name = `localhost/drydock-example/migrate-platform:${kind}`;
  let started = Date.now();
  await tools.buildah([
    'bud',
    '--isolation',
    'chroot',
    '--tls-verify=false',
    '--volume',
    `${aptArchives}:/var/cache/apt/archives`,
    '-t',
    name,
    context,
  ]);
  const buildMs = Date.now() - started;
  const ociDir = join(tmp, kind);
  await tools.buildah(['push', '--quiet', name, `oci:${ociDir}:${kind}`]);
  started = Date.now();
  // One container per image (vfs copies the whole rootfs for each): started as the image's own
  // user, `whoami` runs in it as that user, apt as root with the host's network for the mirror.
  const container = `drydock-example-check-${kind}`;
  await tools.podman([
    'run',
    '--detach',
    '--name',
    container,
    '--runtime',
    'runc',
    ...PODMAN_ULIMITS,
    '--network',
    'host',
    '--entrypoint',
    'sleep',
    name,
    '600',
  ]);
  let whoami: string;
  let apt: Awaited<ReturnType<Tools['podman']>>;
  try {
    whoami = (await tools.podman(['exec', container, 'whoami'])).stdout.toString('utf8').trim();
    // As root, with a fresh index: without `apt-get update` the list is empty for any image whose
    // lists were deleted, which would prove nothing.
    apt = await tools.podman([
      'exec',
      '--user',
      'root',
      container,
      'sh',
      '-c',
      'apt-get update -qq >/dev/null && apt list --upgradable 2>/dev/null',
    ]);
  } finally {
    await tools.podman(['rm', '--force', '--time', '0', container]);
  }
  const checksMs = Date.now() - started;
  const upgradable = apt.stdout
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('Listing...'));
  const digests = await inspect(`oci:${ociDir}:${kind}`);
  return {
    image: {
      ociDir: kind,
      tag: kind,
      manifestDigest: digests.manifestDigest,
      configDigest: digests.configDigest,
      dockerfile: await readFile(join(context, 'Dockerfile'), 'utf8'),
      whoami,
      upgradable,
    },
    buildMs,
    checksMs,
  };
}
