import type { Rule } from '../rule.js';

/** Docker refuses the whole file on a syntax error, so nothing else in it matters until it is fixed. */
export const DD0001: Rule = {
  meta: {
    id: 'DD0001',
    title: 'Dockerfile syntax error',
    severity: 'critical',
    category: 'syntax',
    why: 'Docker stops at an unknown instruction, an unterminated heredoc or an invalid image reference, so the image cannot be built.',
    fix: 'Correct the instruction, close the heredoc, or write the image reference in lower case as registry/repository:tag.',
    aliases: [],
    example: {
      bad: 'FROM Python:3.11-slim\nCOPY app.py /app/',
      good: 'FROM python:3.11-slim\nCOPY app.py /app/',
    },
  },
  check({ file, report }) {
    for (const problem of file.problems) report({ message: problem.message, span: problem.span });
    for (const stage of file.stages) {
      if (stage.image === '') {
        report({ message: 'FROM without an image', span: stage.from.keywordSpan });
      } else if (stage.refError !== undefined) {
        const shown = stage.resolvedImage === stage.image ? stage.image : `${stage.image} (= ${stage.resolvedImage})`;
        report({ message: `invalid image reference "${shown}": ${stage.refError}`, span: stage.imageSpan });
      }
    }
  },
};
