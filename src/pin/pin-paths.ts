import { DrydockError } from '../core/errors.js';
import type { ScanOptions } from '../match/scan-target.js';
import { discoverReferenceFiles } from './discover.js';
import type { FileReferences } from './image-reference.js';
import {
  DEFAULT_LOCK_FILE,
  type LockEntry,
  type LockFile,
  mergeLock,
  readLockFile,
  renderLockFile,
} from './lock-file.js';
import { type PinPlan, planPin, planUpdate } from './plan.js';
import { type ImageMove, imageMoves, prBody, prTitle } from './pr-body.js';
import {
  createDigestResolver,
  createLockResolver,
  type DigestResolver,
  type DigestResolverOptions,
} from './resolver.js';
import { type VulnDelta, vulnDeltas } from './vuln-delta.js';
import { writeFilesAtomic } from './write-files.js';

export interface PinPathsOptions extends DigestResolverOptions {
  /** Resolve with this instead of a registry client (tests, `drydock fix`). */
  readonly resolve?: DigestResolver;
  /** drydock.lock location (default `./drydock.lock`). */
  readonly lockPath?: string;
  /** Digests from the lock file only: no registry request at all. */
  readonly offline?: boolean;
  /** Record every resolved tag in the lock file. */
  readonly writeLock?: boolean;
  /** Rewrite the files (false: dry run / check). */
  readonly write?: boolean;
  readonly now?: Date;
}

export interface FileProblem {
  readonly path: string;
  readonly message: string;
}

export interface PinRun {
  readonly plan: PinPlan;
  /** Files that could not be read or parsed, or that are none of the known kinds. */
  readonly fileErrors: readonly FileProblem[];
  /** Files found in directories and left out because they do not parse (templates). */
  readonly skippedFiles: readonly FileProblem[];
  /** Files rewritten (the lock file included), empty on a dry run or when anything failed. */
  readonly written: readonly string[];
  /** The lock file as it was before the run. */
  readonly lock?: LockFile;
}

export interface UpdatePathsOptions extends PinPathsOptions {
  /** Scan old and new digests of each moved tag with this (the `drydock scan` options; needs the DB). */
  readonly scan?: ScanOptions;
}

export interface UpdateRun extends PinRun {
  readonly moves: readonly ImageMove[];
  readonly title: string;
  readonly body: string;
  readonly vulns?: { readonly deltas: readonly VulnDelta[]; readonly errors: readonly string[] };
}

/** `drydock pin`: resolve and add digests to every unpinned reference under `paths`. */
export async function pinPaths(paths: readonly string[], options: PinPathsOptions = {}): Promise<PinRun> {
  const prepared = prepare(paths, options);
  const plan = await planPin(prepared.files, {
    resolve: prepared.resolve,
    ...(options.now ? { now: options.now } : {}),
  });
  const written = commit(plan, prepared, options, (lock) => mergeLock(lock, onlyNew(plan.resolved, lock)));
  return {
    plan,
    fileErrors: prepared.fileErrors,
    skippedFiles: prepared.skippedFiles,
    written,
    ...(prepared.lock ? { lock: prepared.lock } : {}),
  };
}

/** `drydock update`: move pinned references whose tag now points at another digest; PR title and body. */
export async function updatePaths(paths: readonly string[], options: UpdatePathsOptions = {}): Promise<UpdateRun> {
  const prepared = prepare(paths, options);
  const now = options.now ?? new Date();
  const plan = await planUpdate(prepared.files, { resolve: prepared.resolve, now });
  const moves = imageMoves(plan, prepared.lock, now);
  // Ages stay with digests: a tag that did not move keeps the time its digest was first recorded.
  const written = commit(plan, prepared, options, (lock) => {
    const moved = new Map<string, LockEntry>();
    for (const m of moves) moved.set(m.key, { digest: m.digest, resolvedAt: now.toISOString() });
    return mergeLock(lock, new Map([...onlyNew(plan.resolved, lock), ...moved]));
  });
  const vulns = options.scan && moves.length > 0 ? await vulnDeltas(moves, options.scan) : undefined;
  return {
    plan,
    fileErrors: prepared.fileErrors,
    skippedFiles: prepared.skippedFiles,
    written,
    ...(prepared.lock ? { lock: prepared.lock } : {}),
    moves,
    title: prTitle(moves),
    body: prBody(moves, vulns),
    ...(vulns ? { vulns } : {}),
  };
}

interface Prepared {
  readonly files: readonly FileReferences[];
  readonly fileErrors: readonly FileProblem[];
  readonly skippedFiles: readonly FileProblem[];
  readonly resolve: DigestResolver;
  readonly lock: LockFile | undefined;
  readonly lockPath: string;
}

function prepare(paths: readonly string[], options: PinPathsOptions): Prepared {
  const discovered = discoverReferenceFiles(paths);
  const fileErrors: FileProblem[] = [...discovered.errors];
  const files: FileReferences[] = [];
  for (const f of discovered.files) {
    // A file that does not parse cleanly is never rewritten: its spans could be wrong.
    const problem = f.problems[0];
    if (problem)
      fileErrors.push({
        path: `${f.path}:${problem.location.line}:${problem.location.column}`,
        message: problem.message,
      });
    else files.push(f);
  }
  const lockPath = options.lockPath ?? DEFAULT_LOCK_FILE;
  const lock = readLockFile(lockPath);
  let resolve = options.resolve;
  if (!resolve && options.offline) {
    if (!lock) {
      throw new DrydockError('usage', '--offline needs a lock file', {
        where: lockPath,
        hint: 'run `drydock pin --lock` once with registry access',
      });
    }
    resolve = createLockResolver(lock, lockPath);
  }
  return {
    files,
    fileErrors,
    skippedFiles: discovered.skipped,
    resolve: resolve ?? createDigestResolver(options),
    lock,
    lockPath,
  };
}

/** Entries resolved now that the lock does not already hold with the same digest. */
function onlyNew(resolved: ReadonlyMap<string, LockEntry>, lock: LockFile | undefined): Map<string, LockEntry> {
  const out = new Map<string, LockEntry>();
  for (const [k, v] of resolved) if (lock?.images.get(k)?.digest !== v.digest) out.set(k, v);
  return out;
}

/** Writes the changed files (and the lock) only when nothing failed: a run is all or nothing. */
function commit(
  plan: PinPlan,
  prepared: Prepared,
  options: PinPathsOptions,
  nextLock: (lock: LockFile | undefined) => LockFile,
): string[] {
  if (!options.write || plan.errors.length > 0 || prepared.fileErrors.length > 0) return [];
  const out = plan.files.filter((f) => f.after !== f.before).map((f) => ({ path: f.path, text: f.after }));
  if (options.writeLock || (prepared.lock && !options.offline)) {
    const lock = nextLock(prepared.lock);
    const text = renderLockFile(lock);
    if (!prepared.lock || text !== renderLockFile(prepared.lock)) out.push({ path: prepared.lockPath, text });
  }
  if (out.length > 0) writeFilesAtomic(out);
  return out.map((f) => f.path);
}
