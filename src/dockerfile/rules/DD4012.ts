import { lineOf } from '../instruction-helpers.js';
import type { Instruction } from '../parse/dockerfile.js';
import type { Rule } from '../rule.js';

/** Each RUN is a layer; back-to-back one-command RUNs usually belong together. */
export const DD4012: Rule = {
  meta: {
    id: 'DD4012',
    title: 'Consecutive RUN instructions could be merged',
    severity: 'info',
    category: 'instructions',
    why: 'Every RUN adds a layer, and files deleted in a later RUN still ship in the earlier one, so consecutive single-command RUNs make images larger and slower to pull.',
    fix: 'Join consecutive RUN commands with && (or a heredoc) into one RUN.',
    aliases: ['DL3059'],
    peerNotes:
      'Same semantics as hadolint: only two consecutive RUNs of one command each, with the same flags (--mount…), count; RUNs that already chain commands are left alone because splitting them was a deliberate choice.',
    example: {
      bad: 'RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl',
      good: 'RUN apt-get update \\\n && apt-get install -y --no-install-recommends curl',
    },
  },
  check({ file, report }) {
    let previous: Instruction | undefined;
    for (const instr of file.instructions) {
      if (instr.keyword !== 'RUN') {
        previous = undefined;
        continue;
      }
      if (
        previous &&
        flagsKey(previous) === flagsKey(instr) &&
        file.shell(previous).commands.length <= 1 &&
        file.shell(instr).commands.length <= 1
      ) {
        report({
          message: `RUN could be merged with the RUN at line ${lineOf(file, previous)}`,
          span: instr.span,
        });
      }
      previous = instr;
    }
  },
};

function flagsKey(instr: Instruction): string {
  return instr.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');
}
