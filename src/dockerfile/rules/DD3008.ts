import type { Rule } from '../rule.js';
import { APT_GET, isAptFamily, options } from '../shell-commands.js';

/** Optional: unpinned apt packages follow the mirror, so two builds of one Dockerfile can differ. */
export const DD3008: Rule = {
  meta: {
    id: 'DD3008',
    title: 'apt-get install without pinned versions',
    severity: 'low',
    category: 'packages',
    why: 'Without pkg=version, two builds of the same Dockerfile install whatever the mirror holds that day.',
    fix: 'Pin each package (curl=7.88.1-10+deb12u8), or rely on a digest-pinned base image plus apt-get upgrade as the guide does.',
    aliases: ['DL3008'],
    optional: true,
    peerNotes:
      'Off by default: Debian mirrors drop old versions, so exact pins break builds; the guide pins the base image ' +
      'by digest instead.',
    example: {
      bad: 'RUN apt-get install -y --no-install-recommends curl',
      good: 'RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        if (!isAptFamily(cmd, 'install')) continue;
        for (const word of options(cmd, APT_GET).positionals.slice(1)) {
          // A variable may hold a pinned list; a .deb file or path is a fixed artifact.
          if (!word.literal || word.value.includes('=')) continue;
          if (/\.deb$/.test(word.value) || /^(\.{0,2}\/)/.test(word.value)) continue;
          report({ message: `${cmd.name} install ${word.value} without a pinned version`, span: word.span });
        }
      }
    }
  },
};
