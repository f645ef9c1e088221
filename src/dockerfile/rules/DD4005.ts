import { unquote } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Docker rejects ports above 65535, so such an EXPOSE is a typo that breaks the build or the docs. */
export const DD4005: Rule = {
  meta: {
    id: 'DD4005',
    title: 'EXPOSE port out of range',
    severity: 'high',
    category: 'instructions',
    why: 'TCP and UDP ports range from 0 to 65535; a larger number is a typo that Docker rejects and that documents a port nothing listens on.',
    fix: 'Expose the port the service really listens on, between 0 and 65535.',
    aliases: ['DL3011', 'DS008', 'AVD-DS-0008'],
    example: {
      bad: 'EXPOSE 80800',
      good: 'EXPOSE 8080',
    },
  },
  check({ file, report }) {
    const exposes = [...file.instructions, ...file.onbuildTriggers].filter((i) => i.keyword === 'EXPOSE');
    for (const expose of exposes) {
      for (const word of expose.args) {
        const value = unquote(word.value);
        // Variables are only known at build time.
        if (value.includes('$')) continue;
        const m = /^(\d+)(?:-(\d+))?(?:\/[A-Za-z]+)?$/.exec(value);
        if (!m) continue;
        const bad = [m[1], m[2]].filter((p): p is string => p !== undefined && Number(p) > MAX_PORT);
        if (bad.length === 0) continue;
        report({ message: `EXPOSE port ${bad.join(', ')} is out of range 0-${MAX_PORT}`, span: word.span });
      }
    }
  },
};

const MAX_PORT = 65535;
