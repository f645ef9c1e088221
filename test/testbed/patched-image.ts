import { readdir, readFile, rm } from 'node:fs/promises';
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
 * A patched bookworm minbase image: the base image's recipe, but installed from bookworm,
 * bookworm-updates and bookworm-security together, so every package is at the newest version apt
 * would pick and nothing is pending. Its own etc/apt/sources.list names all three suites, as an
 * up-to-date `debian:bookworm` image's does. Scan tests need it as the "clean" counterpart of the
 * stale main-suite-only image.
 *
 * Unlike the other testbed images it depends on the security suite's current state, which changes
 * with every DSA: the cache key holds the UTC day, so a cached image is at most one day behind.
 */

/** Bump when the build steps change in a way the recipe fields do not capture. */
const SCRIPT_VERSION = 1;
const KIND = 'bookworm-patched';
const TAG = 'patched';
const DOCKER_ARCHIVE_NAME = 'drydock-testbed/bookworm-patched:latest';
export const PATCHED_SUITES = [SUITE, `${SUITE}-updates`, `${SUITE}-security`] as const;

export interface PatchedImage {
  readonly dir: string;
  readonly recipeHash: string;
  /** True when this call built the image (false: cache hit). */
  readonly built: boolean;
  readonly mirror: string;
  /** The debian-security mirror the bookworm-security suite came from. */
  readonly securityMirror: string;
  /** The UTC day (YYYY-MM-DD) in the cache key: the image is current as of that day's build. */
  readonly day: string;
  /** When the build ran (ISO time): updates published after it are not in the image. */
  readonly builtAt: string;
  /** The image's etc/apt/sources.list, as written by the build (one line per suite). */
  readonly sourcesList: string;
  /** The mmdebstrap rootfs tar (uncompressed; the single layer's content). */
  readonly rootfsTar: string;
  /** OCI layout with the one tag `patched`; skopeo ref `oci:${dir}:${tag}`. */
  readonly ociLayout: { readonly dir: string; readonly tag: string } & ImageDigests;
  /** `docker save` format (v2s2, uncompressed layer), repo tag `drydock-testbed/bookworm-patched:latest`. */
  readonly dockerArchive: { readonly path: string; readonly reference: string } & ImageDigests;
  readonly stats: {
    readonly buildMs: number;
    readonly rootfsBytes: number;
    readonly layerBytes: number;
    /** `Package:` stanzas in var/lib/dpkg/status. */
    readonly dpkgPackages: number;
  };
}

type Stored = Omit<PatchedImage, 'dir' | 'built'>;

/** The UTC calendar day of `now`, the patched image's cache generation. */
export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The debian-security mirror: `DRYDOCK_TESTBED_SECURITY_MIRROR`, else the URI the machine's apt
 * sources give the bookworm-security suite, else the main mirror's `-security` sibling (the layout
 * deb.debian.org and most mirrors use).
 */
export async function debianSecurityMirror(mirror: string): Promise<string> {
  const override = process.env.DRYDOCK_TESTBED_SECURITY_MIRROR;
  if (override) return override.replace(/\/+$/, '');
  const suite = `${SUITE}-security`;
  const deb822 = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '');
  for (const stanza of deb822.split(/\n\s*\n/)) {
    const uri = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
    const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1]?.trim().split(/\s+/) ?? [];
    if (uri && suites.includes(suite)) return uri.replace(/\/+$/, '');
  }
  const list = await readFile('/etc/apt/sources.list', 'utf8').catch(() => '');
  const m = new RegExp(`^deb\\s+(?:\\[[^\\]]*\\]\\s+)?(\\S+)\\s+${suite}\\s`, 'm').exec(list);
  if (m?.[1]) return m[1].replace(/\/+$/, '');
  return `${mirror}-security`;
}

/** The image's sources.list: all three suites, so apt inside the image sees what it was built from. */
function sourcesListFor(mirror: string, security: string): string {
  return [
    `deb ${mirror} ${PATCHED_SUITES[0]} main`,
    `deb ${mirror} ${PATCHED_SUITES[1]} main`,
    `deb ${security} ${PATCHED_SUITES[2]} main`,
    '',
  ].join('\n');
}

function recipe(mirror: string, security: string, day: string) {
  return {
    kind: KIND,
    scriptVersion: SCRIPT_VERSION,
    sourceDateEpoch: SOURCE_DATE_EPOCH,
    suite: SUITE,
    sourcesList: sourcesListFor(mirror, security),
    mmdebstrap: MMDEBSTRAP_FLAGS,
    created: CREATED,
    cmd: ['bash'],
    dockerArchiveName: DOCKER_ARCHIVE_NAME,
    day,
  };
}

/** The cache directory name (recipe hash) of the patched image built on `day` from this machine's mirrors. */
export async function patchedImageHash(day: string = utcDay()): Promise<string> {
  const mirror = await debianMirror();
  return recipeHash(recipe(mirror, await debianSecurityMirror(mirror), day));
}

const memo = new Map<string, Promise<PatchedImage>>();

/**
 * Builds today's patched image once (about 20 s, needs both mirrors) and returns the cached one
 * afterwards; concurrent processes share one build (the cache lock). Throws
 * TestbedUnavailableError when a tool or a mirror is missing.
 */
export function ensurePatchedImage(): Promise<PatchedImage> {
  const root = testbedRoot();
  const day = utcDay();
  const key = `${root}\u0000${day}`;
  let p = memo.get(key);
  if (!p) {
    p = (async () => {
      const mirror = await debianMirror();
      const security = await debianSecurityMirror(mirror);
      const image = await ensureCached(root, recipe(mirror, security, day), load, (tmp, hash) =>
        build(tmp, mirror, security, day, hash),
      );
      if (image.built) await pruneOldDays(root, day);
      return image;
    })();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

/** For tests: the image, or a skip when it cannot be built here (a failure with DRYDOCK_TESTBED_REQUIRED=1). */
export function patchedImageOrSkip(t: { skip(message?: string): void }): Promise<PatchedImage | undefined> {
  return imageOrSkip(ensurePatchedImage, t);
}

async function load(dir: string): Promise<PatchedImage | undefined> {
  const s = await readStored<Stored>(dir);
  if (!s) return undefined;
  return {
    ...s,
    dir,
    built: false,
    rootfsTar: join(dir, s.rootfsTar),
    ociLayout: { ...s.ociLayout, dir: join(dir, s.ociLayout.dir) },
    dockerArchive: { ...s.dockerArchive, path: join(dir, s.dockerArchive.path) },
  };
}

/** Like `probeMirror` for the security suite, which lives on another archive root. */
async function probeSecurity(security: string): Promise<void> {
  const url = `${security}/dists/${PATCHED_SUITES[2]}/InRelease`;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new TestbedUnavailableError(
      `testbed: the Debian security mirror ${security} is not reachable (${url}: ${(e as Error).message}); the patched image cannot be built`,
    );
  }
}

async function build(tmp: string, mirror: string, security: string, day: string, hash: string): Promise<Stored> {
  await probeMirror(mirror);
  await probeSecurity(security);
  const env = buildEnv();
  const builtAt = new Date().toISOString();

  // A MIRROR argument starting with "deb " is taken by mmdebstrap as sources.list text, written
  // verbatim (plus a newline) to the chroot's etc/apt/sources.list and installed from: one argument
  // gives both the up-to-date packages and the image's own sources naming all three suites, with
  // no customize hook that could drift from the build. (A file argument would land in
  // sources.list.d/, several arguments would be joined with blank lines.)
  const sourcesList = sourcesListFor(mirror, security);
  const rootfs = join(tmp, 'patched-rootfs.tar');
  await mmdebstrap(rootfs, sourcesList.trimEnd());

  const imageSources = (await run('tar', ['-xOf', rootfs, './etc/apt/sources.list'], { env })).stdout.toString();
  if (imageSources !== sourcesList) {
    throw new Error(
      `testbed: the patched rootfs's etc/apt/sources.list is not the one it was built from:\n${imageSources}`,
    );
  }
  const status = (await run('tar', ['-xOf', rootfs, './var/lib/dpkg/status'], { env })).stdout.toString('utf8');

  const packaged = await packageRootfs(tmp, rootfs, TAG, 'patched.docker.tar', DOCKER_ARCHIVE_NAME);

  return {
    recipeHash: hash,
    mirror,
    securityMirror: security,
    day,
    builtAt,
    sourcesList,
    rootfsTar: 'patched-rootfs.tar',
    ociLayout: { dir: 'oci', tag: TAG, ...packaged.ociDigests },
    dockerArchive: { path: 'patched.docker.tar', reference: DOCKER_ARCHIVE_NAME, ...packaged.dockerDigests },
    stats: {
      buildMs: 0,
      rootfsBytes: packaged.rootfsBytes,
      layerBytes: packaged.layerBytes,
      dpkgPackages: status.match(/^Package: /gm)?.length ?? 0,
    },
  };
}

/**
 * Removes patched images from before yesterday (each day's build adds about 200 MB). Yesterday's is
 * kept: a test process that loaded it just before midnight may still be reading it.
 */
async function pruneOldDays(root: string, today: string): Promise<void> {
  const yesterday = utcDay(new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000));
  for (const name of await readdir(root)) {
    if (name.startsWith('.') || name.endsWith('.lock')) continue;
    const r = await readFile(join(root, name, 'recipe.json'), 'utf8').catch(() => undefined);
    if (r === undefined) continue;
    const { kind, day } = JSON.parse(r) as { kind?: unknown; day?: unknown };
    if (kind === KIND && typeof day === 'string' && day < yesterday) {
      await rm(join(root, name), { recursive: true, force: true });
    }
  }
}
