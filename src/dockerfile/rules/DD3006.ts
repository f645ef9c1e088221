import type { Rule } from '../rule.js';
import { APT_GET, isAptFamily, subcommand } from '../shell-commands.js';

/** dist-upgrade may remove packages and pull in new ones to resolve dependencies: not what an image build wants. */
export const DD3006: Rule = {
  meta: {
    id: 'DD3006',
    title: 'apt-get dist-upgrade',
    severity: 'low',
    category: 'packages',
    why: 'dist-upgrade may install new packages and remove installed ones to resolve dependencies, so the image drifts from its base in ways nobody reviewed.',
    fix: 'Use apt-get upgrade -y, which applies security updates without adding or removing packages.',
    aliases: ['DS024', 'AVD-DS-0024', 'DKL-DI-0003'],
    peerNotes: 'drydock also flags full-upgrade, the same operation under its newer name.',
    example: {
      bad: 'RUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*',
      good: 'RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*',
    },
  },
  check({ file, report }) {
    for (const run of file.runs) {
      for (const cmd of file.shell(run).commands) {
        if (!isAptFamily(cmd, ['dist-upgrade', 'full-upgrade'])) continue;
        const sub = subcommand(cmd, APT_GET)?.value ?? 'dist-upgrade';
        report({ message: `${cmd.name} ${sub}: use ${cmd.name} upgrade`, span: cmd.span });
      }
    }
  },
};
