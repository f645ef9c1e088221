import { posix } from 'node:path';
import { imageBaseName } from '../../core/image-ref.js';
import type { TextEdit } from '../../core/text-edit.js';
import type { DrydockConfig } from '../config.js';
import { copyOperands, keywordText } from '../instruction-helpers.js';
import { parseOptions } from '../parse/command-options.js';
import type { Dockerfile, Instruction, Stage } from '../parse/dockerfile.js';
import { isRootUser, stageChain, usersCreatedIn } from '../user-helpers.js';
import { workingDirectoryAt } from './absolute-workdir.js';
import { baseFamily } from './base-family.js';
import { linesAbove, linesBelow } from './edit-lines.js';
import { type FixPlan, manual } from './plan.js';

/**
 * The fix of DD2001/DD2002: the final stage gets an unprivileged user and ends with USER before
 * its CMD/ENTRYPOINT. The user is one the Dockerfile already creates, or a new `appuser` made
 * the way the base image's family does it; distroless images use their `nonroot` user and scratch
 * a numeric uid. COPYs into a directory the Dockerfile later chmods/chowns (a sign the app writes
 * there) get `--chown`, so the new user can still write it.
 *
 * Not made when starting as root is part of the design: an entrypoint script or a daemon that sets
 * up as root and then drops privileges itself (gosu, su-exec, nginx, postgres…).
 */

export const APP_USER = 'appuser';

/** Instructions after which a USER would change how the build runs (files, owners). */
const BUILD_STEPS = new Set(['RUN', 'COPY', 'ADD', 'USER']);

/** Programs that start as root on purpose: init systems, privilege droppers, daemons with workers. */
const ROOT_STARTERS =
  /^(docker-entrypoint(\.sh)?|entrypoint(\.sh)?|[\w.-]+\.sh|init|tini-static|s6-svscan|supervisord|systemd|runsvdir|gosu|su-exec|nginx|httpd|httpd-foreground|apache2|apache2-foreground|apache2ctl|php-fpm[\d.]*|sshd|cron|crond|postfix|named|haproxy|squid|mysqld|mysqld_safe|mariadbd|postgres|pg_ctl|rsyslogd|varnishd)$/;
const PRIVILEGE_DROPPERS = /\b(gosu|su-exec|setpriv|runuser|chroot\s+--userspec|setuidgid|chpst)\b/;

interface UserChoice {
  /** The USER argument. */
  readonly spec: string;
  /** The `--chown` value for COPY. */
  readonly chown: string;
  /** The instructions that create the user (none when it exists already). */
  readonly create: readonly string[];
}

export function planNonRoot(file: Dockerfile, config: DrydockConfig): FixPlan {
  const final = file.finalStage;
  if (!final) return manual('the Dockerfile has no stage');
  const chain = stageChain(final);
  const starter = rootStarter(file, chain);
  if (starter) {
    return manual(
      `the container starts with ${starter}, which may need root to set up and then drop privileges itself (gosu, su-exec, worker users): check it before adding USER`,
    );
  }
  const choice = chooseUser(file, chain);
  if ('reason' in choice) return manual(choice.reason);

  const own = final.instructions.filter((i) => !i.onbuild);
  const lastStep = own.reduce((at, instr, k) => (BUILD_STEPS.has(instr.keyword) ? k : at), -1);
  const start = own.slice(lastStep + 1).find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const userLine = `${keywordText(file, final.from, 'USER')} ${choice.spec}`;
  const createLines = choice.create.map((line) => `${keywordText(file, final.from, 'RUN')} ${line}`);

  const chowned = copiesNeedingChown(file, final, config);
  const edits: TextEdit[] = [];
  const firstChown = chowned[0];
  if (firstChown && createLines.length > 0) edits.push(linesAbove(file, firstChown, createLines));
  for (const copy of chowned) {
    edits.push({ span: { start: copy.keywordSpan.end, end: copy.keywordSpan.end }, text: ` --chown=${choice.chown}` });
  }
  const before = firstChown ? [] : createLines;
  // After a final `USER root` the new user is created above it (still as the earlier user, root
  // by default), and a plain `USER root` nothing runs under any more is changed rather than kept.
  const lastUser = own[lastStep]?.keyword === 'USER' ? own[lastStep] : undefined;
  const last = own.at(-1) ?? final.from;
  if (lastUser) {
    if (before.length > 0) edits.push(linesAbove(file, lastUser, before));
    if (lastUser.args.length === 1 && !file.text(lastUser.argsSpan).includes('$')) {
      edits.push({ span: lastUser.argsSpan, text: choice.spec });
    } else {
      edits.push(start ? linesAbove(file, start, [userLine]) : linesBelow(file, last, [userLine]));
    }
  } else {
    const userLines = [...before, userLine];
    edits.push(start ? linesAbove(file, start, userLines) : linesBelow(file, last, userLines));
  }
  const what = choice.create.length > 0 ? `create ${choice.spec} and ` : '';
  return { fix: { description: `${what}run the final stage as USER ${choice.spec}`, edits } };
}

/** A program the final image starts with that runs as root on purpose, or undefined. */
function rootStarter(file: Dockerfile, chain: readonly Stage[]): string | undefined {
  // With an ENTRYPOINT, CMD only passes it arguments: the ENTRYPOINT is what starts.
  for (const keyword of ['ENTRYPOINT', 'CMD']) {
    // The nearest stage that has the instruction decides (chain is nearest first).
    const instr = chain
      .map((s) => s.instructions.filter((i) => i.keyword === keyword && !i.onbuild).at(-1))
      .find((i) => i !== undefined);
    if (!instr) continue;
    const argv0 = instr.json ? instr.json[0]?.value : instr.args[0]?.value;
    const name = posix.basename(argv0 ?? '');
    if (name !== '' && ROOT_STARTERS.test(name)) return `${keyword} ${argv0}`;
    break;
  }
  for (const stage of chain) {
    for (const run of stage.instructions.filter((i) => i.keyword === 'RUN')) {
      const m = PRIVILEGE_DROPPERS.exec(file.text(run.argsSpan));
      if (m) return `${m[1]} (installed or used at line ${file.source.positionAt(run.span.start).line})`;
    }
  }
  return undefined;
}

function chooseUser(file: Dockerfile, chain: readonly Stage[]): UserChoice | { reason: string } {
  const created = usersCreatedIn(chain, file);
  const existing = [...created.names].find((n) => !isRootUser(n));
  if (existing) return { spec: existing, chown: existing, create: [] };
  // A stage that switched to a non-root user and back to root (to install something) names it.
  const earlier = chain
    .flatMap((s) => s.instructions.filter((i) => i.keyword === 'USER' && !i.onbuild))
    .map((i) => i.args[0]?.value ?? '')
    .find((spec) => spec !== '' && !spec.includes('$') && !isRootUser(spec.split(':')[0] ?? ''));
  if (earlier) return { spec: earlier, chown: earlier, create: [] };
  if (created.unknown) {
    return { reason: 'the Dockerfile creates a user whose name is only known at build time: add USER with it by hand' };
  }
  const root = chain.at(-1)?.ref;
  // The node images (Debian and Alpine alike) ship a `node` user (uid 1000) for exactly this.
  if (root && root.registry === 'docker.io' && imageBaseName(root) === 'node') {
    return { spec: 'node', chown: 'node:node', create: [] };
  }
  // .NET 8 and later images ship an `app` user (uid 1654) for the same purpose.
  if (root?.registry === 'mcr.microsoft.com' && root.repository.startsWith('dotnet/')) {
    const major = Number(
      /^(\d+)\./.exec(root.tag ?? 'latest')?.[1] ?? (root.tag === undefined || root.tag === 'latest' ? 99 : 0),
    );
    if (major >= 8) return { spec: 'app', chown: 'app:app', create: [] };
  }
  const family = baseFamily(file, chain);
  switch (family.kind) {
    case 'debian':
    case 'rhel':
      // shadow's groupadd/useradd are in every Debian/Ubuntu (package passwd, priority required) and
      // RHEL image; adduser is not in Debian's minbase. A regular (not --system) user gets the first
      // free uid from 1000, the uid the guide's Kubernetes securityContext expects. Two commands in
      // one RUN, so the new RUN is never a one-command RUN beside another (DD4012, "could be merged").
      return {
        spec: APP_USER,
        chown: `${APP_USER}:${APP_USER}`,
        create: [`groupadd ${APP_USER} && useradd --create-home --gid ${APP_USER} ${APP_USER}`],
      };
    case 'alpine':
      return {
        spec: APP_USER,
        chown: `${APP_USER}:${APP_USER}`,
        create: [`addgroup -S ${APP_USER} && adduser -S -G ${APP_USER} ${APP_USER}`],
      };
    case 'distroless':
      return { spec: 'nonroot', chown: 'nonroot:nonroot', create: [] };
    case 'scratch':
      // scratch has no /etc/passwd: a numeric uid:gid needs none (65532 is distroless's nonroot).
      return { spec: '65532:65532', chown: '65532:65532', create: [] };
    case 'unknown':
      return { reason: family.reason };
  }
}

/**
 * COPY/ADD (without --chown) into a directory that a later RUN of the stage chmods or chowns: the
 * Dockerfile wants those files writable at run time, which the new user can then only do as owner.
 */
function copiesNeedingChown(file: Dockerfile, stage: Stage, config: DrydockConfig): Instruction[] {
  const own = stage.instructions.filter((i) => !i.onbuild);
  const out: Instruction[] = [];
  for (const copy of own) {
    if ((copy.keyword !== 'COPY' && copy.keyword !== 'ADD') || copy.flags.some((f) => f.name === 'chown')) continue;
    const dest = copyOperands(copy)?.dest.value;
    if (!dest || dest.includes('$')) continue;
    const dir = resolvePath(dest, file, copy, config);
    if (!dir) continue;
    const later = own.filter((i) => i.keyword === 'RUN' && i.index > copy.index);
    if (later.some((run) => modeChangedPaths(file, run, config).some((p) => related(dir, p)))) out.push(copy);
  }
  return out;
}

function resolvePath(path: string, file: Dockerfile, instr: Instruction, config: DrydockConfig): string | undefined {
  if (path.startsWith('/')) return posix.normalize(path).replace(/(.)\/$/, '$1');
  const cwd = workingDirectoryAt(file, instr, config);
  return cwd === undefined ? undefined : posix.join(cwd, path).replace(/(.)\/$/, '$1');
}

/** Paths a RUN changes the mode or owner of (`chmod -R 777 /srv/app`, `chown app /data`). */
function modeChangedPaths(file: Dockerfile, run: Instruction, config: DrydockConfig): string[] {
  const out: string[] = [];
  for (const cmd of file.shell(run).commands) {
    if (cmd.name !== 'chmod' && cmd.name !== 'chown') continue;
    const [, ...paths] = parseOptions(cmd, {}).positionals;
    for (const p of paths) {
      if (!p.literal) continue;
      const abs = resolvePath(p.value, file, run, config);
      if (abs) out.push(abs);
    }
  }
  return out;
}

/** The same directory, or one inside the other. */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(b === '/' ? '/' : `${b}/`) || b.startsWith(a === '/' ? '/' : `${a}/`);
}
