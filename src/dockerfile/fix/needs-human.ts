import type { Finding } from '../../core/finding.js';
import type { DrydockConfig } from '../config.js';
import { fromReferences } from '../image-helpers.js';
import type { Dockerfile, Instruction } from '../parse/dockerfile.js';
import { isAptLike } from '../shell-commands.js';
import { planAbsoluteWorkdir } from './absolute-workdir.js';
import { planFoldUpdate } from './fold-update.js';
import { planNonRoot } from './non-root.js';
import { planReferencePin, planStagePin } from './pin-digest.js';

/**
 * Why a finding that is left after `drydock fix` was not fixed automatically. Fixable rules whose
 * fix was withheld give the planner's own reason; the other rules change what the image does or
 * need a decision only the team can make, and say which.
 */
const WHY_MANUAL: Readonly<Record<string, string>> = {
  DD0001: 'Docker cannot parse the file: the intent of the broken line is unknown',
  DD0002: 'the shell cannot parse the RUN: the intent of the broken script is unknown',
  DD0003: 'moving instructions above or below FROM changes which stage they belong to',
  DD1001: 'which tag to build on is a choice (it decides the OS release and the runtime version)',
  DD1002: 'which version to pin instead of latest is a choice (it decides the OS release and the runtime version)',
  DD1004: 'a slim variant lacks build tools and libraries the stage may need: switch after checking the build',
  DD1005: 'which registry mirrors the image is a decision for the team',
  DD1006: 'which approved image replaces this one is a decision for the team',
  DD1007: 'renaming a stage changes every --from that refers to it',
  DD1008: 'which stage should provide the files is unknown',
  DD1009: 'the intended stage or image is unknown',
  DD2001: 'the final stage cannot be switched to a non-root user safely',
  DD2002: 'the final stage cannot be switched to a non-root user safely',
  DD2003: 'whether to create this user or use another one is unknown',
  DD2004: 'removing sudo changes which commands run as root',
  DD2005:
    'narrowing permissions changes what the app may write: give the app user ownership (COPY --chown) and drop the chmod',
  DD2006: 'closing port 22 removes SSH access someone may rely on',
  DD3001: 'the apt-get command is written in a form the fix does not rewrite',
  DD3002: 'the apt-get command is written in a form the fix does not rewrite',
  DD3003:
    'deleting the lists here would break an install that reads them later in another RUN, or the RUN ends in a form && cannot extend (exec form, heredoc, trailing comment or &)',
  DD3004:
    'the update sits in a pipeline, exec form or compound command (case, if), where adding apt-get upgrade -y after it may change what runs',
  DD3005: 'the index update cannot be moved into the install RUN safely',
  DD3006: 'dist-upgrade may add or remove packages; replacing it changes what is installed',
  DD3007: 'the apt command is written in a form the fix does not rewrite',
  DD3008: 'which package versions to pin is a decision (and pins go stale)',
  DD3009: 'the apk command is written in a form the fix does not rewrite',
  DD3010: 'the RUN is written in a form the fix does not extend',
  DD3011: 'the RUN is written in a form the fix does not extend',
  DD3012: 'the RUN is written in a form the fix does not extend',
  DD3013: 'the RUN is written in a form the fix does not extend',
  DD3014: 'the pip command is written in a form the fix does not rewrite',
  DD3015: 'which package versions to pin is a decision (and pins go stale)',
  DD3016: 'the command is written in a form the fix does not rewrite',
  DD4001: 'ADD may be unpacking an archive or fetching a URL here',
  DD4002: 'which ENTRYPOINT is meant is unknown',
  DD4003: 'which CMD is meant is unknown',
  DD4004: 'which HEALTHCHECK is meant is unknown',
  DD4005: 'the port the service really listens on is unknown',
  DD4006: 'the absolute directory cannot be worked out',
  DD4007: 'moving the working directory changes where the app reads and writes files',
  DD4008: 'the COPY destination is written in a form the fix does not rewrite',
  DD4009: 'replacing cd with WORKDIR also changes the directory for every later instruction',
  DD4010: 'MAINTAINER before the first FROM has no stage to carry a LABEL',
  DD4011: 'a health check depends on how the app reports health (endpoint, port, command)',
  DD4012: 'merging RUNs changes the layers and the build cache; do it when editing them',
  DD4013:
    'the command uses shell features (variables, &&, redirections) or an ENTRYPOINT/CMD pair that exec form would change',
  DD4014: 'wget output options are a matter of taste',
  DD4015: 'a pipefail SHELL changes how every later RUN of the stage fails',
  DD4016: 'which download tool to keep is a choice',
  DD4017: 'the label values are only known to the team',
  DD5001: 'the script must be verified (checksum or signature) or replaced by a package, which needs its real source',
  DD5002:
    'removing build tools from the final stage can break the app if it compiles at run time; split into a builder stage',
  DD6001: 'the secret has to move to a build secret or the orchestrator, and the value rotated',
  DD6002: 'the secret file has to move to a build secret or the orchestrator, and the value rotated',
};

export function explainFinding(file: Dockerfile, finding: Finding, config: DrydockConfig): string {
  const specific = plannerReason(file, finding, config);
  if (specific) return specific;
  if (finding.fix) return 'the fix did not reach a stable result: apply it by hand';
  return WHY_MANUAL[finding.ruleId] ?? 'no automatic fix for this rule';
}

function plannerReason(file: Dockerfile, finding: Finding, config: DrydockConfig): string | undefined {
  const offset = file.source.offsetAt(finding.location.line - 1, finding.location.column - 1);
  const at = (span: { start: number; end: number }) =>
    span.start <= offset && offset < Math.max(span.end, span.start + 1);
  switch (finding.ruleId) {
    case 'DD1003': {
      const stage = file.stages.find((s) => at(s.imageSpan));
      if (stage?.ref) return planStagePin(file, stage, stage.ref, config).reason;
      const from = fromReferences(file).find((f) => at(f.span));
      if (from?.target.kind === 'image') return planReferencePin(file, from, from.target.ref, config).reason;
      return 'the image is only known at build time: give its ARG a default pinned by digest';
    }
    case 'DD2001':
    case 'DD2002':
      return planNonRoot(file, config).reason;
    case 'DD3005': {
      const run = containing(file.runs, offset);
      const update = run && file.shell(run).commands.find((c) => at(c.span));
      if (run && update && isAptLike(update, 'update')) return planFoldUpdate(file, run, update).reason;
      return 'only a lone apt-get update is folded into the next install automatically';
    }
    case 'DD4006': {
      const workdir = containing(
        [...file.instructions, ...file.onbuildTriggers].filter((i) => i.keyword === 'WORKDIR'),
        offset,
      );
      return workdir ? planAbsoluteWorkdir(file, workdir, config).reason : undefined;
    }
    default:
      return undefined;
  }
}

function containing(instrs: readonly Instruction[], offset: number): Instruction | undefined {
  return instrs.find((i) => i.span.start <= offset && offset <= i.span.end);
}
