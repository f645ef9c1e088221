import { type ImageRef, imageBaseName } from '../core/image-ref.js';
import { expandArgs } from './parse/arg-expansion.js';
import type { OptionGrammar } from './parse/command-options.js';
import { parseOptions } from './parse/command-options.js';
import type { Dockerfile, Instruction, Stage } from './parse/dockerfile.js';
import type { ShellCommand } from './parse/shell.js';

/**
 * Who the final image runs as, shared by the user rules (DD2001–DD2003): the stage chain the
 * final image inherits, its effective USER, the users created in it and the users its base
 * image is known to ship.
 */

/** The stage and the stages it builds on, nearest first (`FROM base AS app` → [app, base]). */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.baseStage) chain.push(s);
  return chain;
}

/** The external image at the bottom of a chain; undefined for scratch or an unresolved `${BASE}`. */
export function chainRoot(chain: readonly Stage[]): Stage | undefined {
  return chain.at(-1);
}

export interface EffectiveUser {
  readonly instr: Instruction;
  /** The USER argument after substituting ARG/ENV values known in the Dockerfile. */
  readonly spec: string;
  /** Still has a variable with no known value: the user is only known at build time. */
  readonly unresolved: boolean;
  readonly user: string;
  readonly group: string | undefined;
}

/** The last USER the final image inherits: the last one of the nearest stage in the chain that has one. */
export function effectiveUser(chain: readonly Stage[], file: Dockerfile): EffectiveUser | undefined {
  for (const stage of chain) {
    const users = stage.instructions.filter((i) => i.keyword === 'USER');
    const last = users.at(-1);
    if (!last) continue;
    const raw = last.args[0]?.value ?? '';
    const expanded = expandArgs(raw, variablesBefore(last, chain, file));
    const spec = expanded.value;
    const colon = spec.indexOf(':');
    return {
      instr: last,
      spec,
      unresolved: expanded.unresolved || raw === '',
      user: colon === -1 ? spec : spec.slice(0, colon),
      group: colon === -1 ? undefined : spec.slice(colon + 1),
    };
  }
  return undefined;
}

/** ARG/ENV values declared in the chain before `instr` (Docker expands both in USER). */
function variablesBefore(instr: Instruction, chain: readonly Stage[], file: Dockerfile): Map<string, string> {
  const vars = new Map<string, string>();
  for (const stage of [...chain].reverse()) {
    for (const i of stage.instructions) {
      if (i.index >= instr.index && stage === instr.stage) break;
      if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
      for (const w of i.args) {
        const eq = w.value.indexOf('=');
        const name = eq === -1 ? w.value : w.value.slice(0, eq);
        if (eq !== -1) vars.set(name, unquote(w.value.slice(eq + 1)));
        // `ARG X` re-declares a global ARG inside the stage, with its global default.
        else if (i.keyword === 'ARG' && file.globalArgs.get(name) !== undefined) {
          vars.set(name, file.globalArgs.get(name) ?? '');
        }
      }
    }
  }
  return vars;
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1) : v;
}

/** `root`, `0`, `root:…`, `0:…` (the group does not matter: uid 0 is root). */
export function isRootUser(user: string): boolean {
  return user === 'root' || /^0+$/.test(user);
}

export function isNumericUser(user: string): boolean {
  return /^\d+$/.test(user);
}

/**
 * Base images that already run as a non-root user, so a Dockerfile without USER is fine:
 * distroless `:nonroot` and any `nonroot` name or tag, Chainguard (its non-`-dev` images run as
 * 65532), rootless variants (`docker:dind-rootless`), Bitnami (uid 1001), nginx-unprivileged,
 * and .NET chiseled images (user `app`).
 */
export function runsAsNonRoot(ref: ImageRef): boolean {
  const repo = ref.repository.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if (repo.includes('nonroot') || tag.includes('nonroot')) return true;
  if (repo.includes('rootless') || tag.includes('rootless')) return true;
  if (ref.registry === 'cgr.dev' && repo.startsWith('chainguard') && !/(^|-)dev($|-)/.test(tag)) return true;
  if (/^bitnami(legacy)?\//.test(repo) || repo.includes('/bitnami/')) return true;
  if (repo.endsWith('-unprivileged')) return true;
  if (ref.registry === 'mcr.microsoft.com' && repo.startsWith('dotnet/') && tag.includes('chiseled')) return true;
  return false;
}

/**
 * Users that exist without the Dockerfile creating them. `images` lists the base names (last
 * repository segment) or registry/repository prefixes that ship the user; `any` means every
 * common distribution base (Debian, Ubuntu, Alpine, BusyBox, UBI) has it.
 */
export const WELL_KNOWN_USERS: readonly { readonly user: string; readonly images: 'any' | readonly string[] }[] = [
  { user: 'nobody', images: 'any' },
  { user: 'daemon', images: 'any' },
  { user: 'bin', images: 'any' },
  // Debian/Ubuntu ship www-data (uid 33); the php and httpd images, Alpine variants included, create it.
  { user: 'www-data', images: 'any' },
  { user: 'node', images: ['node', 'cimg/node', 'circleci/node', 'ghost'] },
  { user: 'nginx', images: ['nginx', 'nginx-unprivileged', 'openresty'] },
  { user: 'postgres', images: ['postgres', 'postgis', 'timescaledb', 'timescaledb-ha'] },
  { user: 'redis', images: ['redis', 'redis-stack', 'redis-stack-server'] },
  { user: 'mysql', images: ['mysql', 'mariadb', 'percona', 'percona-server'] },
  { user: 'mongodb', images: ['mongo'] },
  { user: 'rabbitmq', images: ['rabbitmq'] },
  { user: 'elasticsearch', images: ['elasticsearch'] },
  { user: 'jenkins', images: ['jenkins', 'inbound-agent', 'agent'] },
  { user: 'grafana', images: ['grafana', 'grafana-oss', 'grafana-enterprise'] },
  { user: 'memcache', images: ['memcached'] },
  { user: 'couchdb', images: ['couchdb'] },
  { user: 'cassandra', images: ['cassandra'] },
  { user: 'zookeeper', images: ['zookeeper'] },
  { user: 'solr', images: ['solr'] },
  { user: 'influxdb', images: ['influxdb'] },
  { user: 'vault', images: ['vault'] },
  { user: 'consul', images: ['consul'] },
  { user: 'gradle', images: ['gradle'] },
  { user: 'sonarqube', images: ['sonarqube'] },
  { user: 'jovyan', images: ['base-notebook', 'minimal-notebook', 'scipy-notebook', 'datascience-notebook'] },
  { user: 'seluser', images: ['standalone-chrome', 'standalone-firefox', 'node-chrome', 'node-firefox'] },
  { user: 'gitlab-runner', images: ['gitlab-runner'] },
  // Ubuntu 23.04 and later ship a default `ubuntu` user (uid 1000).
  { user: 'ubuntu', images: ['ubuntu'] },
  { user: 'nonroot', images: ['gcr.io/distroless/', 'cgr.dev/chainguard/'] },
  // .NET 8+ images create `app` (uid 1654).
  { user: 'app', images: ['mcr.microsoft.com/dotnet/'] },
  // Windows Nano Server / Server Core images.
  { user: 'ContainerUser', images: ['mcr.microsoft.com/windows/'] },
  { user: 'ContainerAdministrator', images: ['mcr.microsoft.com/windows/'] },
  // Red Hat's s2i language images run as `default` (uid 1001).
  { user: 'default', images: ['registry.access.redhat.com/ubi8/', 'registry.access.redhat.com/ubi9/'] },
];

export function isWellKnownUser(user: string, ref: ImageRef | undefined): boolean {
  return WELL_KNOWN_USERS.some((entry) => {
    if (entry.user !== user) return false;
    if (entry.images === 'any') return true;
    if (!ref) return false;
    const base = imageBaseName(ref);
    const full = `${ref.registry}/${ref.repository}`;
    return entry.images.some((img) => (img.endsWith('/') ? full.startsWith(img) : img === base));
  });
}

/** useradd/adduser (shadow, Debian and BusyBox) options that take a value. */
const USERADD: OptionGrammar = {
  valuedShort: 'bcdefgGkKpPRsuZ',
  valuedLong: [
    'base-dir',
    'comment',
    'home-dir',
    'expiredate',
    'inactive',
    'gid',
    'groups',
    'skel',
    'key',
    'password',
    'root',
    'prefix',
    'shell',
    'uid',
    'selinux-user',
  ],
};
const ADDUSER: OptionGrammar = {
  // BusyBox: -h DIR -g GECOS -s SHELL -G GRP -k SKEL -u UID.
  valuedShort: 'hgsGku',
  valuedLong: [
    'home',
    'shell',
    'ingroup',
    'gid',
    'uid',
    'firstuid',
    'lastuid',
    'firstgid',
    'lastgid',
    'gecos',
    'comment',
    'conf',
  ],
};

/** The user a useradd/adduser command creates: the name, `null` when it is a variable, undefined if none. */
export function createdUser(cmd: ShellCommand): string | null | undefined {
  if (cmd.name !== 'useradd' && cmd.name !== 'adduser') return undefined;
  const opts = parseOptions(cmd, cmd.name === 'useradd' ? USERADD : ADDUSER);
  // `useradd -D` prints or changes defaults; it creates nobody.
  if (cmd.name === 'useradd' && opts.flags.has('D') && opts.positionals.length === 0) return undefined;
  const name = opts.positionals[0];
  if (!name) return undefined;
  return name.literal ? name.value : null;
}

export interface CreatedUsers {
  readonly names: ReadonlySet<string>;
  /** Some command creates a user whose name is only known at build time, or edits /etc/passwd directly. */
  readonly unknown: boolean;
}

/**
 * Users created by RUNs of the chain, plus those of stages whose /etc/passwd is copied in
 * (`COPY --from=build /etc/passwd /etc/passwd`, the usual way to give a scratch image a user).
 */
export function usersCreatedIn(chain: readonly Stage[], file: Dockerfile): CreatedUsers {
  const names = new Set<string>();
  let unknown = false;
  const seen = new Set<Stage>();
  const visit = (stages: readonly Stage[]): void => {
    for (const stage of stages) {
      if (seen.has(stage)) continue;
      seen.add(stage);
      for (const instr of stage.instructions) {
        if (instr.keyword === 'RUN') {
          for (const cmd of file.shell(instr).commands) {
            const user = createdUser(cmd);
            if (user === null) unknown = true;
            else if (user !== undefined) names.add(user);
            if (cmd.args.some((a) => a.raw.includes('/etc/passwd'))) unknown = true;
          }
        }
        if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && copiesPasswd(instr)) {
          const from = instr.flags.find((f) => f.name === 'from')?.value?.toLowerCase();
          const source =
            from === undefined ? undefined : file.stages.find((s) => s.name === from || `${s.index}` === from);
          if (source) visit(stageChain(source));
          // From the build context or an external image: we cannot see which users it holds.
          else unknown = true;
        }
      }
    }
  };
  visit(chain);
  return { names, unknown };
}

function copiesPasswd(instr: Instruction): boolean {
  const words = instr.json ?? instr.args;
  return words.slice(0, -1).some((w) => /(^|\/)etc(\/passwd)?\/?$/.test(w.value) || w.value === '/');
}
