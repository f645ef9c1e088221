import { imageBaseName } from '../../core/image-ref.js';
import type { ShellCommand, ShellWord } from '../parse/shell.js';
import type { Rule } from '../rule.js';
import { APK, APT_GET, options, YUM } from '../shell-commands.js';
import { chainRoot, stageChain } from '../user-helpers.js';

/** Compilers, build systems, VCS and headers: needed to build, never to run. */
const BUILD_TOOLS = new Set([
  'gcc',
  'g++',
  'gcc-c++',
  'clang',
  'make',
  'build-essential',
  'build-base',
  'git',
  'cmake',
  'autoconf',
  'automake',
  'libtool',
  'pkg-config',
  'pkgconf',
  'pkgconfig',
  'linux-headers',
  'golang',
  'go',
  'rustc',
  'cargo',
]);

function isBuildTool(pkg: string): boolean {
  return BUILD_TOOLS.has(pkg) || /^(gcc|g\+\+|clang)-\d+$/.test(pkg) || /-(dev|devel)$/.test(pkg);
}

interface PackageCommand {
  readonly manager: string;
  readonly action: 'install' | 'remove' | 'autoremove' | 'other';
  readonly packages: readonly ShellWord[];
  /** `apk add --virtual .build-deps …` / `apk del .build-deps`. */
  readonly virtual?: string;
}

/** SDK images: a final stage built on one is a toolchain image on purpose (the golang image itself). */
const SDK_IMAGES = new Set(['buildpack-deps', 'gcc', 'golang', 'rust', 'maven', 'gradle']);

/** Final stages that are dev or CI targets, not what ships (`FROM builder AS dev-envs`). */
const DEV_STAGE = /^(dev|devel|develop|development|dev-?envs?|debug|test|tests|testing|ci)$/;

/** Reads apt-get/apt, apk and yum/dnf/microdnf commands into install/remove actions. */
function packageCommand(cmd: ShellCommand): PackageCommand | undefined {
  if (cmd.name === 'apt-get' || cmd.name === 'apt') {
    const opts = options(cmd, APT_GET);
    const [sub, ...rest] = opts.positionals;
    const verb = sub?.value;
    if (verb === 'install') return { manager: cmd.name, action: 'install', packages: rest };
    if (verb === 'autoremove') return { manager: cmd.name, action: 'autoremove', packages: rest };
    if (verb === 'purge' || verb === 'remove') {
      // `apt-get purge -y --auto-remove` after the apt-mark dance removes everything marked auto.
      const auto = opts.flags.has('auto-remove') || opts.flags.has('autoremove');
      return { manager: cmd.name, action: auto ? 'autoremove' : 'remove', packages: rest };
    }
    return { manager: cmd.name, action: 'other', packages: [] };
  }
  if (cmd.name === 'apk') {
    const opts = options(cmd, APK);
    const [sub, ...rest] = opts.positionals;
    const virtual = opts.values.get('virtual') ?? opts.values.get('t');
    if (sub?.value === 'add')
      return { manager: 'apk', action: 'install', packages: rest, ...(virtual ? { virtual } : {}) };
    if (sub?.value === 'del') return { manager: 'apk', action: 'remove', packages: rest };
    return { manager: 'apk', action: 'other', packages: [] };
  }
  if (/^(yum|dnf|microdnf|tdnf)$/.test(cmd.name)) {
    const [sub, ...rest] = options(cmd, YUM).positionals;
    if (sub?.value === 'install') return { manager: cmd.name, action: 'install', packages: rest };
    if (sub?.value === 'remove' || sub?.value === 'erase')
      return { manager: cmd.name, action: 'remove', packages: rest };
    if (sub?.value === 'autoremove') return { manager: cmd.name, action: 'autoremove', packages: rest };
    return { manager: cmd.name, action: 'other', packages: [] };
  }
  return undefined;
}

/** `gcc=4:12.2.0-3` (apt), `gcc=12.2.1-r0` / `gcc~12` (apk) → `gcc`. */
function packageName(word: ShellWord): string {
  return word.value.replace(/[=~<>].*$/, '').toLowerCase();
}

/** A builder stage exists, yet the runtime stage installs compilers and keeps them. */
export const DD5002: Rule = {
  meta: {
    id: 'DD5002',
    title: 'Build tools left in the final stage of a multi-stage build',
    severity: 'medium',
    category: 'shell',
    why: 'Compilers, git and -dev headers in the runtime image add hundreds of packages (and their CVEs) and give an attacker a toolchain, while the build stage already exists to hold them.',
    fix: 'Install build tools in the builder stage and COPY --from it only the artifacts, or remove them (apt-get purge / apk del) in the same RUN.',
    aliases: [],
    peerNotes:
      'Single-stage Dockerfiles are exempt: the guide’s advice is to keep the build in a builder stage, which only applies once a builder exists; there the tools may be needed. Also exempt: a final stage named as a dev/test target (dev, dev-envs, debug, test, ci) and one built on an SDK image (buildpack-deps, gcc, golang, rust, maven, gradle), which is a toolchain image on purpose.',
    example: {
      bad: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\nCOPY --from=build /app /app',
      good: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\nCOPY --from=build /app /app',
    },
  },
  check({ file, report }) {
    const final = file.finalStage;
    if (!final || file.stages.length < 2) return;
    if (final.name && DEV_STAGE.test(final.name)) return;
    const chain = stageChain(final);
    const root = chainRoot(chain)?.ref;
    if (root && SDK_IMAGES.has(imageBaseName(root))) return;
    for (const stage of chain) {
      for (const run of stage.instructions) {
        if (run.keyword !== 'RUN') continue;
        const parsed = file.shell(run).commands.map((cmd) => ({ cmd, pkg: packageCommand(cmd) }));
        const removed = new Set<string>();
        let autoremove = false;
        for (const { pkg } of parsed) {
          if (pkg?.action === 'remove') for (const w of pkg.packages) removed.add(packageName(w));
          if (pkg?.action === 'autoremove') autoremove = true;
        }
        for (const { cmd, pkg } of parsed) {
          if (pkg?.action !== 'install') continue;
          if (pkg.virtual && removed.has(pkg.virtual.toLowerCase())) continue;
          // apt's autoremove only takes what nothing manual depends on: count it for apt, as the official images do.
          if (autoremove && (pkg.manager === 'apt-get' || pkg.manager === 'apt')) continue;
          const left = pkg.packages
            .filter((w) => w.literal && !w.value.startsWith('-'))
            .map(packageName)
            .filter((name) => isBuildTool(name) && !removed.has(name));
          if (left.length === 0) continue;
          report({
            message: `${pkg.manager} installs build tools in the final stage and keeps them: ${[...new Set(left)].join(', ')}`,
            span: cmd.span,
          });
        }
      }
    }
  },
};
