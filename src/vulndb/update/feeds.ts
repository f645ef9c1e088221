import { DrydockError } from '../../core/errors.js';
import { ALPINE_SECDB_SOURCE } from '../importers/alpine-secdb.js';
import { DEBIAN_TRACKER_SOURCE } from '../importers/debian-tracker-json.js';

/**
 * The advisory feeds `drydock db update` knows: where each is published, which files make it up and
 * what they must look like. A feed's name is the database source its importer writes, so "is this feed
 * in the database" is a look-up in `sources`.
 */

export type FeedName = 'osv:Debian' | 'osv:PyPI' | 'osv:npm' | 'debian-tracker' | 'alpine-secdb';

export const FEED_NAMES: readonly FeedName[] = ['osv:Debian', 'osv:PyPI', 'osv:npm', 'debian-tracker', 'alpine-secdb'];

/** Hosts whose base URL one `--mirror` entry can replace for several feeds (all OSV ecosystems). */
type MirrorGroup = 'osv' | 'debian-tracker' | 'alpine-secdb';

/** The official publication points. */
export const DEFAULT_BASE_URLS: Readonly<Record<MirrorGroup, string>> = {
  osv: 'https://osv-vulnerabilities.storage.googleapis.com',
  'debian-tracker': 'https://security-tracker.debian.org/tracker',
  'alpine-secdb': 'https://secdb.alpinelinux.org',
};

/**
 * Alpine branches fetched by default: the supported ones and those still common in base images
 * (secdb keeps every branch; each file is a few hundred KB). `--alpine-branches` replaces the list.
 */
export const DEFAULT_ALPINE_BRANCHES: readonly string[] = [
  '3.12',
  '3.13',
  '3.14',
  '3.15',
  '3.16',
  '3.17',
  '3.18',
  '3.19',
  '3.20',
  '3.21',
  '3.22',
];

/** What a downloaded file must be before it is imported. */
export type FeedFileKind = 'osv-zip' | 'tracker-json' | 'secdb-json';

export interface FeedFile {
  readonly url: string;
  /** File name inside the feed's cache directory. */
  readonly name: string;
  readonly kind: FeedFileKind;
}

export interface FeedPlan {
  readonly name: FeedName;
  /** Directory under the cache root: `feeds/<name>` with `:` made file-system safe. */
  readonly dir: string;
  readonly files: readonly FeedFile[];
}

export interface FeedConfig {
  /** `--mirror NAME=URL`: NAME is a feed (`osv:PyPI`) or a host group (`osv`, `debian-tracker`, `alpine-secdb`). */
  readonly mirrors?: Readonly<Record<string, string>>;
  /** Where `DRYDOCK_FEED_<NAME>` and `DRYDOCK_ALPINE_BRANCHES` are read; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  readonly alpineBranches?: readonly string[];
}

const OSV_ECOSYSTEM: Readonly<Record<string, string>> = {
  'osv:Debian': 'Debian',
  'osv:PyPI': 'PyPI',
  'osv:npm': 'npm',
};

/** `osv:PyPI` → `DRYDOCK_FEED_OSV_PYPI`; `debian-tracker` → `DRYDOCK_FEED_DEBIAN_TRACKER`. */
export function feedEnvName(name: string): string {
  return `DRYDOCK_FEED_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** Feed names from `--source a,b` (case-insensitive); unknown names are a usage error listing the valid ones. */
export function parseFeedNames(list: string): FeedName[] {
  const names: FeedName[] = [];
  for (const raw of list.split(',')) {
    const wanted = raw.trim();
    if (wanted === '') continue;
    const name = FEED_NAMES.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (!name) {
      throw new DrydockError('usage', `unknown feed "${wanted}" (known: ${FEED_NAMES.join(', ')})`, {
        where: '--source',
      });
    }
    if (!names.includes(name)) names.push(name);
  }
  if (names.length === 0) throw new DrydockError('usage', 'no feed named', { where: '--source' });
  return names;
}

/** `NAME=URL` pairs from repeated `--mirror` options; the name must be a feed or host group. */
export function parseMirrors(entries: readonly string[]): Record<string, string> {
  const known = [...FEED_NAMES, ...Object.keys(DEFAULT_BASE_URLS)];
  const mirrors: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const name = known.find((n) => n.toLowerCase() === entry.slice(0, eq).trim().toLowerCase());
    const url = entry.slice(eq + 1).trim();
    if (eq < 0 || !name) {
      throw new DrydockError('usage', `expected NAME=URL with NAME one of ${known.join(', ')}, got "${entry}"`, {
        where: '--mirror',
      });
    }
    mirrors[name] = checkBaseUrl(url, `--mirror ${name}`);
  }
  return mirrors;
}

/** `3.20`, `v3.20` or `edge`, comma-separated. */
export function parseAlpineBranches(list: string): string[] {
  const branches = list
    .split(',')
    .map((b) => b.trim().replace(/^v/, ''))
    .filter((b) => b !== '');
  for (const b of branches) {
    if (!/^(?:\d+\.\d+|edge)$/.test(b)) {
      throw new DrydockError('usage', `not an Alpine branch: "${b}" (expected e.g. 3.20 or edge)`, {
        where: '--alpine-branches',
      });
    }
  }
  if (branches.length === 0) throw new DrydockError('usage', 'no branch named', { where: '--alpine-branches' });
  return branches;
}

/** The files each named feed downloads, with mirrors and environment applied. */
export function planFeeds(names: readonly FeedName[], config: FeedConfig = {}): FeedPlan[] {
  const env = config.env ?? process.env;
  const branches =
    config.alpineBranches ??
    (env.DRYDOCK_ALPINE_BRANCHES ? parseAlpineBranches(env.DRYDOCK_ALPINE_BRANCHES) : DEFAULT_ALPINE_BRANCHES);
  return names.map((name): FeedPlan => {
    const dir = name.replace(/:/g, '-');
    const ecosystem = OSV_ECOSYSTEM[name];
    if (ecosystem !== undefined) {
      const base = baseUrl(name, 'osv', config.mirrors, env);
      return { name, dir, files: [{ url: `${base}/${ecosystem}/all.zip`, name: 'all.zip', kind: 'osv-zip' }] };
    }
    if (name === DEBIAN_TRACKER_SOURCE) {
      const base = baseUrl(name, 'debian-tracker', config.mirrors, env);
      return { name, dir, files: [{ url: `${base}/data/json`, name: 'tracker.json', kind: 'tracker-json' }] };
    }
    if (name !== ALPINE_SECDB_SOURCE) throw new Error(`no plan for feed ${name}`);
    const base = baseUrl(name, 'alpine-secdb', config.mirrors, env);
    const files = branches.flatMap((b) => {
      const branch = b === 'edge' ? 'edge' : `v${b}`;
      return (['main', 'community'] as const).map(
        (repo): FeedFile => ({
          url: `${base}/${branch}/${repo}.json`,
          name: `${branch}-${repo}.json`,
          kind: 'secdb-json',
        }),
      );
    });
    return { name, dir, files };
  });
}

/** A feed's own override wins over its group's (`osv:npm` over `osv`); an option wins over the environment. */
function baseUrl(
  name: FeedName,
  group: MirrorGroup,
  mirrors: Readonly<Record<string, string>> | undefined,
  env: NodeJS.ProcessEnv,
): string {
  for (const key of [name, group]) {
    const option = mirrors?.[key];
    if (option) return checkBaseUrl(option, `--mirror ${key}`);
    const fromEnv = env[feedEnvName(key)];
    if (fromEnv) return checkBaseUrl(fromEnv, feedEnvName(key));
  }
  return DEFAULT_BASE_URLS[group];
}

function checkBaseUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DrydockError('usage', `not a URL: "${url}"`, { where });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DrydockError('usage', `only http(s) mirrors are supported, got "${url}"`, { where });
  }
  return url.replace(/\/+$/, '');
}
