import { posix } from 'node:path';
import type { DrydockConfig } from '../config.js';
import { displayImage } from '../image-helpers.js';
import { unquote } from '../instruction-helpers.js';
import type { Dockerfile, Instruction, Stage } from '../parse/dockerfile.js';
import { factsFor } from './image-facts.js';
import { type FixPlan, manual } from './plan.js';

/**
 * DD4006's fix: a relative WORKDIR becomes the absolute directory Docker would resolve it to. That
 * is known when an earlier WORKDIR of the stage (or of the stage it is built on) is absolute, when
 * the stage starts from scratch (`/`), or when fix read the base image's WorkingDir from the
 * registry; otherwise the directory depends on the base image and a human has to say it.
 */

/** The written path (quotes removed), or undefined when the instruction has none. */
function writtenPath(file: Dockerfile, instr: Instruction): string | undefined {
  const path = unquote(file.logicalArgs(instr).text.trim());
  return path === '' ? undefined : path;
}

/** `/x`, a Windows drive, or a variable (only known at build time) count as absolute, as in DD4006. */
function looksAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:/.test(path);
}

export function isRelativeWorkdir(file: Dockerfile, instr: Instruction): boolean {
  const path = writtenPath(file, instr);
  return path !== undefined && !looksAbsolute(path);
}

export function planAbsoluteWorkdir(file: Dockerfile, instr: Instruction, config: DrydockConfig): FixPlan {
  const path = writtenPath(file, instr);
  if (path === undefined) return manual('WORKDIR has no path');
  if (instr.onbuild || !instr.stage) return manual("an ONBUILD WORKDIR resolves against the child image's directory");
  if (/[\s\\$"'`]/.test(path) || file.text(instr.argsSpan).includes('\n')) {
    return manual('the path has quotes, blanks, escapes or variables: write the absolute path by hand');
  }
  const base = directoryBefore(file, instr.stage, instr.index, config);
  if (typeof base !== 'string') return manual(base.reason);
  const absolute = posix.join(base, path);
  return {
    fix: {
      description: `make WORKDIR absolute: ${absolute}`,
      edits: [{ span: instr.argsSpan, text: absolute }],
    },
  };
}

/** The absolute working directory an instruction runs in, when the Dockerfile (and fix's lookups) tell it. */
export function workingDirectoryAt(file: Dockerfile, instr: Instruction, config: DrydockConfig): string | undefined {
  if (!instr.stage || instr.onbuild) return undefined;
  const dir = directoryBefore(file, instr.stage, instr.index, config);
  return typeof dir === 'string' ? dir : undefined;
}

/**
 * The working directory in `stage` just before instruction `before`: its last earlier WORKDIR,
 * else the one the stage's base stage ends with, else the external image's (or `/` for scratch).
 */
function directoryBefore(
  file: Dockerfile,
  stage: Stage,
  before: number,
  config: DrydockConfig,
  seen: Set<Stage> = new Set(),
): string | { reason: string } {
  const earlier = stage.instructions.filter((i) => i.keyword === 'WORKDIR' && i.index < before).at(-1);
  if (earlier) {
    const path = writtenPath(file, earlier);
    if (path === undefined || path.includes('$') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
      return {
        reason: `the WORKDIR before it (line ${file.source.positionAt(earlier.span.start).line}) is only known at build time`,
      };
    }
    if (path.startsWith('/')) return path;
    const parent = directoryBefore(file, stage, earlier.index, config, seen);
    return typeof parent === 'string' ? posix.join(parent, path) : parent;
  }
  if (stage.baseStage) {
    if (seen.has(stage.baseStage)) return { reason: 'the stages build on each other in a loop' };
    seen.add(stage);
    return directoryBefore(file, stage.baseStage, Number.POSITIVE_INFINITY, config, seen);
  }
  if (stage.isScratch) return '/';
  if (!stage.ref) return { reason: `the base image ${stage.image} is only known at build time` };
  const workingDir = factsFor(config, stage.ref)?.workingDir;
  if (workingDir === undefined) {
    return {
      reason: `it is relative to the working directory of ${displayImage(stage.ref)}, which was not read (fix reads it from the registry; not with --offline)`,
    };
  }
  return workingDir === '' ? '/' : workingDir;
}
