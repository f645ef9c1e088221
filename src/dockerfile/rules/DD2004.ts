import type { Rule } from '../rule.js';

/** RUN already runs as the current USER; sudo only hides which steps need root. */
export const DD2004: Rule = {
  meta: {
    id: 'DD2004',
    title: 'sudo in RUN',
    severity: 'high',
    category: 'user',
    why: 'sudo in an image means sudo (and a sudoers entry) ships in it, handing root back to anyone who gets a shell; its TTY and environment handling also makes builds unpredictable.',
    fix: 'Switch to USER root for the steps that need it and back to the unprivileged user afterwards; do not install sudo.',
    aliases: ['DL3004', 'DS010', 'AVD-DS-0010', 'DKL-DI-0001'],
    example: {
      bad: 'FROM debian:12\nUSER appuser\nRUN sudo apt-get update',
      good: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER appuser',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        // The shell model peels `sudo -u x cmd` off as a wrapper; a bare `sudo` stays the command.
        if (cmd.name !== 'sudo' && !cmd.wrappers.includes('sudo')) continue;
        const what = cmd.name === 'sudo' ? 'sudo' : `sudo ${cmd.name}`;
        report({ message: `${what} in RUN: use USER root for this step instead`, span: cmd.span });
      }
    }
  },
};
