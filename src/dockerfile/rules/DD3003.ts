import { appendCommand } from '../fix/append-command.js';
import type { Dockerfile, Instruction, Stage } from '../parse/dockerfile.js';
import type { Rule } from '../rule.js';
import { APT_LIST_READERS, isAptLike, mountsOver, privilegePrefix, removesUnder } from '../shell-commands.js';
import { stageChain } from '../user-helpers.js';

const LISTS = '/var/lib/apt/lists';

/** `apt-get update` writes tens of MB of package lists; deleting them in a later RUN does not shrink the image. */
export const DD3003: Rule = {
  meta: {
    id: 'DD3003',
    title: 'apt lists not removed in the same RUN',
    severity: 'medium',
    category: 'packages',
    why: 'Package lists left by apt-get update stay in the layer for good: tens of MB of stale metadata in every image.',
    fix: 'End the RUN that calls apt-get update with && rm -rf /var/lib/apt/lists/* (apt-get clean does not remove them).',
    aliases: ['DL3009', 'DKL-DI-0005'],
    fixable: true,
    peerNotes:
      'hadolint passes a cache or tmpfs mount on /var/lib/apt only together with one on /var/cache/apt; drydock ' +
      'passes a mount on /var/lib/apt (or /var/lib/apt/lists) alone, since it keeps the lists out of the layer.',
    example: {
      bad: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
      good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      // Lists in a build-only stage never reach an image; ONBUILD triggers run in someone's image.
      if (!run.onbuild && run.stage && !shipped(run.stage, file.stages)) continue;
      if (mountsOver(run, LISTS)) continue;
      const script = file.shell(run);
      let update: (typeof script.commands)[number] | undefined;
      for (const cmd of script.commands) {
        if (isAptLike(cmd, 'update')) update ??= cmd;
        else if (update && (removesUnder(cmd, [LISTS]) || isAptLike(cmd, ['distclean', 'dist-clean']))) {
          update = undefined;
        }
      }
      if (!update) continue;
      const fix = listsStillNeeded(file, run)
        ? undefined
        : appendCommand(file, run, `${privilegePrefix(update)}rm -rf ${LISTS}/*`, `remove ${LISTS}`);
      report({
        message: `${update.name} update without rm -rf ${LISTS}/* in the same RUN`,
        span: update.span,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

/**
 * Deleting the lists here would break a later install: a later RUN of this stage (or of a stage
 * built on it) installs without updating first and so reads these lists. (DD3005 folds a lone
 * update into that install instead.)
 */
function listsStillNeeded(file: Dockerfile, run: Instruction): boolean {
  const stage = run.stage;
  if (!stage || run.onbuild) return false;
  return file.runs.some((later) => {
    if (later.onbuild || later.span.start <= run.span.start || !later.stage) return false;
    if (!stageChain(later.stage).includes(stage)) return false;
    const cmds = file.shell(later).commands;
    const firstUpdate = cmds.find((c) => isAptLike(c, 'update'))?.index ?? Number.POSITIVE_INFINITY;
    return cmds.some((c) => c.index < firstUpdate && isAptLike(c, APT_LIST_READERS));
  });
}

/** The final stage and any stage another stage builds on (hadolint's rule: `--target` may build it). */
function shipped(stage: Stage, stages: readonly Stage[]): boolean {
  return stage.index === stages.length - 1 || stages.some((s) => s.baseStage?.index === stage.index);
}
