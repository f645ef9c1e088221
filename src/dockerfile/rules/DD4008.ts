import { replaceSpan } from '../fixes.js';
import { copyOperands, isHistoryForm } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Docker refuses to copy several sources to a destination that does not end with a slash. */
export const DD4008: Rule = {
  meta: {
    id: 'DD4008',
    title: 'COPY with several sources to a destination without trailing slash',
    severity: 'high',
    category: 'instructions',
    why: 'With more than one source the destination must be a directory written with a trailing slash; otherwise the build fails or copies files onto each other.',
    fix: 'End the destination with a slash, such as /app/.',
    aliases: ['DL3021', 'DS011', 'AVD-DS-0011'],
    fixable: true,
    peerNotes:
      'Also checks ADD, which has the same rule in Docker; `.` counts as a directory (BuildKit treats it as one), destinations built from variables are not checked, and the `file:<hash> in /dest` form of image history is skipped as in Trivy.',
    example: {
      bad: 'COPY package.json package-lock.json /app',
      good: 'COPY package.json package-lock.json /app/',
    },
  },
  check({ file, report }) {
    const copies = [...file.instructions, ...file.onbuildTriggers].filter(
      (i) => i.keyword === 'COPY' || i.keyword === 'ADD',
    );
    for (const copy of copies) {
      const operands = copyOperands(copy);
      if (!operands || operands.sources.length < 2 || isHistoryForm(operands)) continue;
      const { dest } = operands;
      if (/[/\\]$/.test(dest.value) || dest.value === '.' || dest.value.includes('$')) continue;
      const at = dest.quoted ? dest.span.end - 1 : dest.span.end;
      report({
        message: `${copy.keyword} of ${operands.sources.length} sources to ${dest.value}: the destination must end with /`,
        span: dest.span,
        fix: replaceSpan({ start: at, end: at }, '/', 'add a trailing slash to the destination'),
      });
    }
  },
};
