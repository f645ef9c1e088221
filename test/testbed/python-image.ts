import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, TestbedUnavailableError } from './exec.js';
import {
  buildEnv,
  CREATED,
  debianMirror,
  ensureCached,
  type ImageDigests,
  imageOrSkip,
  MMDEBSTRAP_FLAGS,
  mmdebstrap,
  packageRootfs,
  probeMirror,
  readStored,
  recipeHash,
  SOURCE_DATE_EPOCH,
  SUITE,
  testbedRoot,
} from './images.js';

/**
 * A python:3.11-slim-like test image: bookworm minbase plus python3 and python3-pip (about 118
 * dpkg packages and pip's own dist-info), built like the base image (main suite only, so it has
 * pending security updates; same reproducibility flags) and cached beside it by recipe hash.
 * Catalogers need both ecosystems in one image; benchmarks need an image of realistic size.
 */

/** Bump when the build steps change in a way the recipe fields do not capture. */
const SCRIPT_VERSION = 1;
const INCLUDE = ['python3', 'python3-pip'] as const;
const TAG = 'python';
const DOCKER_ARCHIVE_NAME = 'drydock-testbed/python3:latest';

export interface PythonImage {
  readonly dir: string;
  readonly recipeHash: string;
  /** True when this call built the image (false: cache hit). */
  readonly built: boolean;
  readonly mirror: string;
  /** The mmdebstrap rootfs tar (uncompressed; the single layer's content). */
  readonly rootfsTar: string;
  /**
   * The same rootfs unpacked (`tar --numeric-owner`, as root: owners, modes and device nodes kept),
   * for `dir:` inputs. Do not write into it: it is shared by every test run.
   */
  readonly rootfsDir: string;
  /** OCI layout with the one tag `python`; skopeo ref `oci:${dir}:${tag}`. */
  readonly ociLayout: { readonly dir: string; readonly tag: string } & ImageDigests;
  /** `docker save` format (v2s2, uncompressed layer), repo tag `drydock-testbed/python3:latest`. */
  readonly dockerArchive: { readonly path: string; readonly reference: string } & ImageDigests;
  readonly stats: {
    readonly buildMs: number;
    readonly rootfsBytes: number;
    readonly layerBytes: number;
    /** `Package:` stanzas in var/lib/dpkg/status. */
    readonly dpkgPackages: number;
  };
}

type Stored = Omit<PythonImage, 'dir' | 'built'>;

function recipe(mirror: string) {
  return {
    kind: 'python3',
    scriptVersion: SCRIPT_VERSION,
    sourceDateEpoch: SOURCE_DATE_EPOCH,
    suite: SUITE,
    mirror,
    mmdebstrap: MMDEBSTRAP_FLAGS,
    include: INCLUDE,
    created: CREATED,
    cmd: ['bash'],
    dockerArchiveName: DOCKER_ARCHIVE_NAME,
    unpack: 'tar --numeric-owner',
  };
}

const memo = new Map<string, Promise<PythonImage>>();

/**
 * Builds the python3 image once (about 30 s, needs the Debian mirror and root for the unpacked
 * rootfs) and returns the cached one afterwards; concurrent processes share one build (lock).
 * Throws TestbedUnavailableError when a tool or the mirror is missing.
 */
export function ensurePythonImage(): Promise<PythonImage> {
  const root = testbedRoot();
  let p = memo.get(root);
  if (!p) {
    p = (async () => {
      const mirror = await debianMirror();
      return ensureCached(root, recipe(mirror), load, (tmp, hash) => build(tmp, mirror, hash));
    })();
    memo.set(root, p);
    p.catch(() => memo.delete(root));
  }
  return p;
}

/** For tests: the image, or a skip when it cannot be built here (a failure with DRYDOCK_TESTBED_REQUIRED=1). */
export function pythonImageOrSkip(t: { skip(message?: string): void }): Promise<PythonImage | undefined> {
  return imageOrSkip(ensurePythonImage, t);
}

/** The cache directory the python3 image has (or will have) on this machine. */
export async function pythonImageDir(): Promise<string> {
  return join(testbedRoot(), recipeHash(recipe(await debianMirror())));
}

async function load(dir: string): Promise<PythonImage | undefined> {
  const s = await readStored<Stored>(dir);
  if (!s) return undefined;
  return {
    ...s,
    dir,
    built: false,
    rootfsTar: join(dir, s.rootfsTar),
    rootfsDir: join(dir, s.rootfsDir),
    ociLayout: { ...s.ociLayout, dir: join(dir, s.ociLayout.dir) },
    dockerArchive: { ...s.dockerArchive, path: join(dir, s.dockerArchive.path) },
  };
}

async function build(tmp: string, mirror: string, hash: string): Promise<Stored> {
  if (process.getuid?.() !== 0) {
    // Unpacking keeps owners and device nodes: only root can do that faithfully.
    throw new TestbedUnavailableError('testbed: the python3 image (unpacked rootfs) must be built as root');
  }
  await probeMirror(mirror);
  const env = buildEnv();

  const rootfs = join(tmp, 'python-rootfs.tar');
  await mmdebstrap(rootfs, mirror, INCLUDE);

  const rootfsDir = join(tmp, 'rootfs');
  await mkdir(rootfsDir);
  await run('tar', ['--numeric-owner', '-xpf', rootfs, '-C', rootfsDir], { env });

  const packaged = await packageRootfs(tmp, rootfs, TAG, 'python.docker.tar', DOCKER_ARCHIVE_NAME);

  const status = await readFile(join(rootfsDir, 'var/lib/dpkg/status'), 'utf8');
  return {
    recipeHash: hash,
    mirror,
    rootfsTar: 'python-rootfs.tar',
    rootfsDir: 'rootfs',
    ociLayout: { dir: 'oci', tag: TAG, ...packaged.ociDigests },
    dockerArchive: { path: 'python.docker.tar', reference: DOCKER_ARCHIVE_NAME, ...packaged.dockerDigests },
    stats: {
      buildMs: 0,
      rootfsBytes: packaged.rootfsBytes,
      layerBytes: packaged.layerBytes,
      dpkgPackages: status.match(/^Package: /gm)?.length ?? 0,
    },
  };
}
