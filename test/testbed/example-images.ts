import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/dockerfile/config.js';
import { fixDockerfile } from '../../src/dockerfile/fix/fix-dockerfile.js';
import { prepareLinter } from '../../src/dockerfile/linter.js';
import { runCli } from '../support/run-cli.js';
import { run, TestbedUnavailableError } from './exec.js';
import { buildEnv, CREATED, ensureCached, imageOrSkip, inspect, readStored, testbedRoot } from './images.js';
import { debianSecurityMirror, PATCHED_SUITES, utcDay } from './patched-image.js';
import { pushImage } from './push.js';
import { ensurePythonImage } from './python-image.js';
import { startRegistry } from './registry.js';
import { packTar } from './tar.js';

/**
 * The proof of issues #6 and #7: the bundled example, hardened by `drydock fix --write`, builds and
 * runs as the new user with nothing left to upgrade; after the human review fix asks for, it passes
 * `drydock verify`. Four images, each an OCI layout:
 *
 * - base: a python:3.11-like bookworm image (the testbed python3 image: mmdebstrap python3 +
 *   python3-pip from `bookworm` only, so it has pending security updates) plus one layer naming
 *   bookworm, bookworm-updates and bookworm-security in /etc/apt/sources.list (so `apt-get upgrade`
 *   in a build patches it) and making pip install system-wide like the official image. It is
 *   wrapped in a one-platform image index, so the pin fix must pick the index digest.
 * - unhardened: examples/migrate-platform built as it is (with the offline substitutions below).
 * - fixed: the same context after `drydock fix --write`, whose digest pin fix resolved itself
 *   from a `startRegistry()` registry the base was pushed to.
 * - hardened: the fixed Dockerfile after the human review of what fix reports as "needs a human"
 *   (`humanReview`, one commented edit each) plus a .dockerignore, built in Docker format so the
 *   HEALTHCHECK survives (the OCI config has no field for it).
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
  /** The image drydock reads (for the hardened image: a Docker v2s2 manifest, whose config keeps HEALTHCHECK). */
  readonly tag: string;
  /**
   * The same layers under an OCI manifest, for podman: this containers/image (podman 4.3, skopeo
   * 1.9) reads only OCI manifests from a layout. Equal to `tag` when that is already OCI.
   */
  readonly ociTag: string;
  readonly manifestDigest: string;
  readonly configDigest: string;
  /** The Dockerfile the image was built from (FROM names the registry of that build). */
  readonly dockerfile: string;
  /** `whoami` in the image, run by podman at build time. */
  readonly whoami: string;
  /** `apt list --upgradable` after `apt-get update` as root in the image, at build time. */
  readonly upgradable: readonly string[];
  /**
   * The image's own HEALTHCHECK, run by `podman healthcheck run` against the image's own CMD in a
   * container without a network (its loopback only): set for images built with one.
   */
  readonly health?: { readonly healthy: boolean; readonly attempts: number; readonly output: string };
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
  /** `fixed` after humanReview(), with HARDENED_DOCKERIGNORE in its context. */
  readonly hardened: BuiltExample;
  /** What `drydock fix --write` printed on stderr (the "needs a human" list). */
  readonly fixStderr: string;
  readonly stats: {
    readonly buildMs: number;
    readonly fixMs: number;
    readonly unhardenedBuildMs: number;
    readonly fixedBuildMs: number;
    /** Builds of the fixed image until its check saw the same index as its build (see build()). */
    readonly fixedAttempts: number;
    readonly hardenedBuildMs: number;
    readonly hardenedAttempts: number;
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
// The human review: what `drydock fix` leaves to a human ("needs a human"), done by one.

/**
 * One reviewer's edit: `find` must occur exactly once in the text, so a change in what fix writes
 * fails here, loudly, instead of building an image that silently skipped the edit.
 */
interface ReviewEdit {
  /** The finding(s) the edit answers: fix's "needs a human" (DD…) and verify's check (DV…). */
  readonly answers: string;
  readonly find: string;
  readonly replace: string;
}

const HEALTHCHECK_PROBE = "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)";

/** The edits, in file order. Each says why: the reviewer's reasons are the point of the image. */
const REVIEW_EDITS: readonly ReviewEdit[] = [
  {
    // Only the reviewer can say where the header stops being true; the image's Dockerfile says who changed it.
    answers: 'provenance',
    find:
      '# migrate-platform: a Django-style migration service, as it looked before the security guide.\n' +
      '# Every line below is something a real team shipped; `drydock lint` explains what is wrong with it.\n',
    replace:
      '# migrate-platform: a Django-style migration service, after `drydock fix --write` and a human review\n' +
      '# of what fix left to one: (drydock test context) humanReview() in test/testbed/example-images.ts.\n',
  },
  {
    // DD6001 / DV5002: a build argument is kept in the history of every RUN after it. Nothing here
    // reads a private index (PyPI itself is unreachable offline); a real build would pass the token
    // with `RUN --mount=type=secret,id=pip_token` on the one pip step.
    answers: 'DD6001 DV5002 (ARG PIP_INDEX_TOKEN)',
    find: 'ARG PIP_INDEX_TOKEN\n',
    replace: '',
  },
  {
    // DD6001 / DV5002: the database password comes from the orchestrator at run time (and the
    // published `changeme` is rotated); APP_HOME is no secret and stays.
    answers: 'DD6001 DV5002 (ENV DATABASE_PASSWORD)',
    find: 'ENV DATABASE_PASSWORD=changeme \\\n    APP_HOME=/srv/app\n',
    replace: 'ENV APP_HOME=/srv/app\n',
  },
  {
    // DV3001 / DV3002: runtime packages only. build-essential, libpq-dev and git were there to
    // build psycopg2 from source and fetch code; curl for the nodesource script (gone). What runs
    // is psql (postgresql-client, which brings libpq5 for psycopg2) and gunicorn: from Debian,
    // as PyPI is unreachable offline (a real build keeps it in requirements.txt and puts psycopg2's
    // build in a stage of its own). DV4002: `apt-get clean` beside the lists removal, or
    // pkgcache.bin and srcpkgcache.bin (80 MB) ship.
    answers: 'DV3001 DV3002 DV4002 DV7004',
    find: 'apt-get install --no-install-recommends -y build-essential libpq-dev postgresql-client curl git && rm -rf /var/lib/apt/lists/*\n',
    replace:
      'apt-get install --no-install-recommends -y postgresql-client gunicorn && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
  },
  {
    // DD2005 / DV6002: the app user owns its files (COPY --chown from fix); everyone else may read
    // them and enter the directories, nobody else may write.
    answers: 'DD2005 DV6002',
    find: 'RUN chmod -R 777 /srv/app\n',
    replace: 'RUN chmod -R a+rX,go-w /srv/app\n',
  },
  {
    // DD2006 / DV7002: nothing in the image serves SSH; a shell is `podman exec` / `kubectl exec`.
    // DD4011 / DV7001: the health check asks the app what the orchestrator would, with what the
    // image has (python3's urllib: there is no curl in it any more).
    answers: 'DD2006 DV7002 DD4011 DV7001',
    find: 'EXPOSE 8000 22\n',
    replace: `EXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["python3", "-c", "${HEALTHCHECK_PROBE}"]\n`,
  },
];

/**
 * The fixed Dockerfile after the human review: fix's non-root USER and digest pin stay; each edit
 * must apply exactly once (it throws, naming the edit, when fix's output changed under it).
 */
export function humanReview(fixedText: string): string {
  let text = fixedText;
  for (const edit of REVIEW_EDITS) {
    const at = text.indexOf(edit.find);
    if (at === -1 || text.indexOf(edit.find, at + 1) !== -1) {
      throw new Error(
        `testbed: the human review edit for ${edit.answers} ${at === -1 ? 'no longer matches' : 'matches twice in'} the fixed Dockerfile ` +
          `(looked for ${JSON.stringify(edit.find)}): update REVIEW_EDITS in example-images.ts`,
      );
    }
    text = text.slice(0, at) + edit.replace + text.slice(at + edit.find.length);
  }
  for (const kept of [/^USER appuser$/m, /^FROM \S+@sha256:[0-9a-f]{64}$/m]) {
    if (!kept.test(text)) throw new Error(`testbed: the hardened Dockerfile lost what fix wrote: ${kept}`);
  }
  return text;
}

/**
 * DV5001: the context holds the compose file (passwords), the manifests and the build files;
 * `COPY . /srv/app` should copy the application only. (Lint reads the Dockerfile alone, so only
 * verify sees what a COPY of the context brought in.)
 */
export const HARDENED_DOCKERIGNORE = [
  '# The application is app/ and requirements.txt: everything else stays out of the image.',
  '.git',
  '.dockerignore',
  'Dockerfile',
  'docker-compose*.yml',
  'compose*.yaml',
  '.env',
  '*.env',
  'k8s/',
  'ecs/',
  'README.md',
  '**/__pycache__',
  '**/*.pyc',
  '',
].join('\n');

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
    const s = await readStored<StoredBase>(dir);
    return s && { ...s, ociDir: join(dir, s.ociDir) };
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
    hardened: humanReview(fixed),
    dockerignore: HARDENED_DOCKERIGNORE,
    day,
  };
}

const memo = new Map<string, Promise<ExampleImages>>();

/**
 * Builds the four images once a day (a few minutes: three buildah builds that install the example's
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
    const s = await readStored<Stored>(dir);
    if (!s) return undefined;
    return {
      ...s,
      dir,
      built: false,
      base,
      unhardened: { ...s.unhardened, ociDir: join(dir, s.unhardened.ociDir) },
      fixed: { ...s.fixed, ociDir: join(dir, s.fixed.ociDir) },
      hardened: { ...s.hardened, ociDir: join(dir, s.hardened.ociDir) },
    };
  };
}

/**
 * buildah and podman on a private vfs storage root (no daemon, nothing shared with the host's
 * images). The run root holds sockets, whose paths podman keeps under 50 characters.
 */
function containerTools(storage: string, runRoot: string) {
  const global = ['--root', storage, '--runroot', runRoot, '--storage-driver', 'vfs'];
  // No systemd here: podman would log an error for each health-check timer it cannot create
  // (`healthcheck run` is the one used, timers are not needed).
  const env = { ...process.env, LC_ALL: 'C.UTF-8', DISABLE_HC_SYSTEMD: 'true' };
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
    const hardenedContext = join(tmp, 'context-hardened');
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
    // The reviewer works on the file fix wrote (FROM names this run's registry), in its own context.
    const hardenedDockerfile = await writeExampleContext(hardenedContext, files, registry.host);
    await writeFile(hardenedDockerfile, humanReview(fixedText));
    await writeFile(join(hardenedContext, '.dockerignore'), HARDENED_DOCKERIGNORE);

    const unhardened = await buildExample(tools, { kind: 'unhardened', context: unhardenedContext }, tmp, aptArchives);
    // deb.debian.org is a CDN whose backends can serve index snapshots a day apart: a build that
    // drew the older one misses an update the check (a minute later) then sees. The image is
    // right for the index it was built from; building again draws the current one.
    const fixed = await buildUntilCurrent(tools, { kind: 'fixed', context: fixedContext }, tmp, aptArchives);
    // Docker format: the OCI image config has no Healthcheck, and buildah drops HEALTHCHECK from it.
    const hardened = await buildUntilCurrent(
      tools,
      { kind: 'hardened', context: hardenedContext, format: 'docker', cleansAptArchives: true, health: true },
      tmp,
      aptArchives,
    );
    return {
      recipeHash: hash,
      day,
      builtAt,
      base,
      unhardened: unhardened.image,
      fixed: fixed.image,
      hardened: hardened.image,
      fixStderr: fix.stderr,
      stats: {
        buildMs: 0,
        fixMs,
        unhardenedBuildMs: unhardened.buildMs,
        fixedBuildMs: fixed.buildMs,
        fixedAttempts: fixed.attempts,
        hardenedBuildMs: hardened.buildMs,
        hardenedAttempts: hardened.attempts,
        checksMs: unhardened.checksMs + fixed.checksMs + hardened.checksMs,
      },
    };
  } finally {
    await registry.stop();
    await rm(storage, { recursive: true, force: true });
    await rm(runRoot, { recursive: true, force: true });
  }
}

type Tools = ReturnType<typeof containerTools>;

interface BuildSpec {
  readonly kind: 'unhardened' | 'fixed' | 'hardened';
  readonly context: string;
  /** buildah's image format (default oci); `docker` keeps HEALTHCHECK. */
  readonly format?: 'oci' | 'docker';
  /**
   * The Dockerfile runs `apt-get clean`, which would empty the shared archive cache mounted at
   * /var/cache/apt/archives: the build gets a copy of hard links instead (free, same filesystem).
   */
  readonly cleansAptArchives?: boolean;
  /** Start the image's own CMD and run its HEALTHCHECK (see BuiltExample.health). */
  readonly health?: boolean;
}

type Built = Awaited<ReturnType<typeof buildExample>>;

/** Builds until podman's `apt list --upgradable` is empty (at most 3 builds): see the CDN note in build(). */
async function buildUntilCurrent(
  tools: Tools,
  spec: BuildSpec,
  tmp: string,
  aptArchives: string,
): Promise<Built & { attempts: number }> {
  let built = await buildExample(tools, spec, tmp, aptArchives);
  let attempts = 1;
  while (built.image.upgradable.length > 0 && attempts < 3) {
    attempts++;
    await rm(join(tmp, spec.kind), { recursive: true, force: true });
    built = await buildExample(tools, spec, tmp, aptArchives);
  }
  return { ...built, attempts };
}

/** One buildah build, exported as an OCI layout, then whoami and apt list --upgradable in podman. */
async function buildExample(
  tools: Tools,
  spec: BuildSpec,
  tmp: string,
  sharedAptArchives: string,
): Promise<{ image: BuiltExample; buildMs: number; checksMs: number }> {
  const { kind, context } = spec;
  const format = spec.format ?? 'oci';
  const name = `localhost/drydock-example/migrate-platform:${kind}`;
  let aptArchives = sharedAptArchives;
  if (spec.cleansAptArchives) {
    aptArchives = join(tmp, `apt-archives-${kind}`);
    await rm(aptArchives, { recursive: true, force: true });
    await run('cp', ['-al', sharedAptArchives, aptArchives]);
  }
  let started = Date.now();
  try {
    await tools.buildah([
      'bud',
      '--format',
      format,
      '--isolation',
      'chroot',
      '--tls-verify=false',
      '--volume',
      `${aptArchives}:/var/cache/apt/archives`,
      '-t',
      name,
      context,
    ]);
  } finally {
    if (spec.cleansAptArchives) await rm(aptArchives, { recursive: true, force: true });
  }
  const buildMs = Date.now() - started;
  const ociDir = join(tmp, kind);
  const ociTag = format === 'docker' ? `${kind}-oci` : kind;
  // A Docker-format image pushed to a layout as OCI loses its Healthcheck: drydock reads the v2s2
  // manifest (and its Docker config) under `kind`; the OCI copy shares the layer blobs.
  if (format === 'docker') await tools.buildah(['push', '--quiet', '--format', 'v2s2', name, `oci:${ociDir}:${kind}`]);
  await tools.buildah(['push', '--quiet', name, `oci:${ociDir}:${ociTag}`]);
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
  const health = spec.health ? await runHealthcheck(tools, kind, name) : undefined;
  const checksMs = Date.now() - started;
  const upgradable = apt.stdout
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('Listing...'));
  const digests = await layoutDigests(ociDir, kind);
  return {
    image: {
      ociDir: kind,
      tag: kind,
      ociTag,
      manifestDigest: digests.manifestDigest,
      configDigest: digests.configDigest,
      dockerfile: await readFile(join(context, 'Dockerfile'), 'utf8'),
      whoami,
      upgradable,
      ...(health ? { health } : {}),
    },
    buildMs,
    checksMs,
  };
}

/**
 * The image as it would run: its own CMD (gunicorn on 0.0.0.0:8000) in a container with no
 * network, so nothing listens outside it; `podman healthcheck run` execs the HEALTHCHECK from the
 * image config until it passes or `tries` seconds are gone (gunicorn takes a moment to bind).
 */
async function runHealthcheck(
  tools: Tools,
  kind: string,
  image: string,
  tries = 30,
): Promise<NonNullable<BuiltExample['health']>> {
  const container = `drydock-example-health-${kind}`;
  await tools.podman([
    'run',
    '--detach',
    '--name',
    container,
    '--runtime',
    'runc',
    ...PODMAN_ULIMITS,
    '--network',
    'none',
    image,
  ]);
  try {
    let output = '';
    for (let attempt = 1; attempt <= tries; attempt++) {
      try {
        const r = await tools.podman(['healthcheck', 'run', container]);
        return { healthy: true, attempts: attempt, output: `${r.stdout.toString('utf8')}${r.stderr}`.trim() };
      } catch (e) {
        output = e instanceof Error ? e.message : String(e);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    return { healthy: false, attempts: tries, output };
  } finally {
    await tools.podman(['rm', '--force', '--time', '0', container]);
  }
}

/**
 * The manifest and config digests of a layout's tag, read from the layout itself: skopeo 1.9
 * cannot open a Docker v2s2 manifest in a layout (see BuiltExample.ociTag).
 */
async function layoutDigests(ociDir: string, tag: string): Promise<{ manifestDigest: string; configDigest: string }> {
  const index = JSON.parse(await readFile(join(ociDir, 'index.json'), 'utf8')) as {
    manifests: { digest: string; annotations?: Record<string, string> }[];
  };
  const entry = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag);
  if (!entry) throw new Error(`testbed: tag ${tag} missing from ${ociDir}/index.json`);
  const manifest = JSON.parse(await readFile(join(ociDir, 'blobs', 'sha256', entry.digest.slice(7)), 'utf8')) as {
    config?: { digest: string };
  };
  if (!manifest.config) throw new Error(`testbed: ${ociDir}:${tag} is not a single-image manifest`);
  return { manifestDigest: entry.digest, configDigest: manifest.config.digest };
}
