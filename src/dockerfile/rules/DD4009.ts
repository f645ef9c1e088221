import type { Rule } from '../rule.js';

/** `RUN cd /x && make` hides the directory the build works in; WORKDIR states it. */
export const DD4009: Rule = {
  meta: {
    id: 'DD4009',
    title: 'RUN cd … instead of WORKDIR',
    severity: 'low',
    category: 'instructions',
    why: 'A cd lasts only for its RUN, so chains of `cd … &&` hide where each step works and are easy to break when edited; a lone `RUN cd` does nothing at all.',
    fix: 'Set the directory with WORKDIR (absolute path) and drop the cd.',
    aliases: ['DL3003', 'DS013', 'AVD-DS-0013'],
    peerNotes:
      'Like hadolint, any cd in a RUN is reported (Trivy only sees `cd` at the start of an `&&` part), once per RUN; a cd into a directory computed at run time (`cd "$(mktemp -d)"`) is not, since WORKDIR cannot express it.',
    example: {
      bad: 'RUN cd /src && make install',
      good: 'WORKDIR /src\nRUN make install',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      const cd = file
        .shell(run)
        .commands.find((c) => c.name === 'cd' && c.nameWord.literal && !c.args.some((a) => /\$\(|`/.test(a.raw)));
      if (!cd) continue;
      const target = cd.args.find((a) => !a.value.startsWith('-'))?.value;
      report({
        message: target ? `cd ${target} in RUN: use WORKDIR ${target} instead` : 'cd in RUN: use WORKDIR instead',
        span: cd.span,
      });
    }
  },
};
