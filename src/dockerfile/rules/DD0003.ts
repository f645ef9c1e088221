import { KNOWN_INSTRUCTIONS } from '../parse/dockerfile.js';
import type { Rule } from '../rule.js';

/** Only ARG may precede the first FROM; Docker rejects anything else with "no build stage in current context". */
export const DD0003: Rule = {
  meta: {
    id: 'DD0003',
    title: 'First instruction must be FROM (or ARG before FROM)',
    severity: 'medium',
    category: 'syntax',
    why: 'Docker refuses a Dockerfile whose first instruction is not FROM (ARG excepted), because there is no stage for it to apply to.',
    fix: 'Move the instruction after the first FROM; only ARG (and parser directives and comments) may come before it.',
    aliases: ['DL3061'],
    example: {
      bad: 'LABEL org.opencontainers.image.source=https://github.com/acme/app\nFROM python:3.12-slim',
      good: 'ARG PYTHON=3.12\nFROM python:${PYTHON}-slim\nLABEL org.opencontainers.image.source=https://github.com/acme/app',
    },
  },
  check({ file, report }) {
    // Unknown keywords are DD0001's; parser directives and comments are not instructions at all.
    const first = file.instructions.find((i) => i.keyword !== 'ARG' && KNOWN_INSTRUCTIONS.has(i.keyword));
    if (!first || first.keyword === 'FROM') return;
    report({
      message: `${first.keyword} before the first FROM: only ARG may come before FROM`,
      span: first.keywordSpan,
    });
  },
};
