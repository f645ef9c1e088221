import { replaceSpan } from '../fixes.js';
import { dockerfileString, keywordText } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** MAINTAINER was deprecated in Docker 1.13; the OCI authors label carries the same information. */
export const DD4010: Rule = {
  meta: {
    id: 'DD4010',
    title: 'MAINTAINER is deprecated',
    severity: 'low',
    category: 'instructions',
    why: 'MAINTAINER is deprecated and only fills a legacy field that registries and scanners ignore, while the OCI authors label is read everywhere.',
    fix: 'Replace it with LABEL org.opencontainers.image.authors="…".',
    aliases: ['DL4000', 'DS022', 'AVD-DS-0022'],
    fixable: true,
    example: {
      bad: 'MAINTAINER Jane Doe <jane@example.com>',
      good: 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    },
  },
  check({ file, report }) {
    for (const instr of file.instructions) {
      if (instr.keyword !== 'MAINTAINER') continue;
      const author = file.logicalArgs(instr).text.trim().replace(/\s+/g, ' ');
      const label = `${keywordText(file, instr, 'LABEL')} ${AUTHORS}=${dockerfileString(author, file.escape)}`;
      report({
        message: `MAINTAINER is deprecated: use LABEL ${AUTHORS}`,
        span: instr.span,
        // LABEL is not allowed before the first FROM; there the author has to move it by hand.
        ...(instr.stage && author !== ''
          ? { fix: replaceSpan(instr.span, label, `replace MAINTAINER with LABEL ${AUTHORS}`) }
          : {}),
      });
    }
  },
};

const AUTHORS = 'org.opencontainers.image.authors';
