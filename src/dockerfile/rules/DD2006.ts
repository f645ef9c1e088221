import type { Rule } from '../rule.js';

/** An SSH daemon in a container is a second, unaudited way in; `docker exec` does the job. */
export const DD2006: Rule = {
  meta: {
    id: 'DD2006',
    title: 'SSH port 22 exposed',
    severity: 'medium',
    category: 'user',
    why: 'Exposing port 22 means an SSH server with its own credentials runs in the container, a way in that bypasses the orchestrator’s access control and audit.',
    fix: 'Remove port 22 from EXPOSE and the SSH server from the image; use docker exec or kubectl exec to get a shell.',
    aliases: ['DS004', 'AVD-DS-0004'],
    example: {
      bad: 'FROM debian:12\nEXPOSE 22 8080',
      good: 'FROM debian:12\nEXPOSE 8080',
    },
  },
  check({ file, report }) {
    for (const instr of file.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const word of instr.args) {
        // `22`, `22/tcp`, `22/udp`, and ranges `20-30[/tcp]`; variables stay unknown.
        const m = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(word.value);
        if (!m) continue;
        const low = Number(m[1]);
        const high = m[2] === undefined ? low : Number(m[2]);
        if (low > 22 || high < 22) continue;
        report({
          message: low === high ? `EXPOSE ${word.value} exposes SSH` : `EXPOSE ${word.value} includes SSH port 22`,
          span: word.span,
        });
      }
    }
  },
};
