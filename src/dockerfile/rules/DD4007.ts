import { posix } from 'node:path';
import { unquote } from '../instruction-helpers.js';
import type { Rule } from '../rule.js';

/** Files written under /proc, /dev and friends land on the host's kernel interfaces, not in the image. */
export const DD4007: Rule = {
  meta: {
    id: 'DD4007',
    title: 'WORKDIR on a system directory',
    severity: 'high',
    category: 'instructions',
    why: 'Kernel and boot directories such as /proc and /dev are mounted over at run time; working in them writes to host interfaces or to files that vanish, and is a known container-breakout pattern.',
    fix: 'Use an application directory such as /app or /srv as WORKDIR.',
    aliases: ['DS030', 'AVD-DS-0030'],
    peerNotes:
      "Trivy's list (/proc, /boot, /dev, /initrd, /lost+found) plus /sys; paths are normalised first, so /proc and /app/../dev count too.",
    example: {
      bad: 'WORKDIR /proc/self/fd',
      good: 'WORKDIR /app',
    },
  },
  check({ file, report }) {
    const workdirs = [...file.instructions, ...file.onbuildTriggers].filter((i) => i.keyword === 'WORKDIR');
    for (const workdir of workdirs) {
      const path = unquote(file.logicalArgs(workdir).text.trim());
      if (!path.startsWith('/') || path.includes('$')) continue;
      const normal = posix.normalize(path);
      const dir = SYSTEM_DIRS.find((d) => normal === d || normal.startsWith(`${d}/`));
      if (!dir) continue;
      report({ message: `WORKDIR ${path} is inside the system directory ${dir}`, span: workdir.argsSpan });
    }
  },
};

const SYSTEM_DIRS = ['/proc', '/sys', '/boot', '/dev', '/initrd', '/lost+found'];
