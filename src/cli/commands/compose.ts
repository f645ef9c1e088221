import type { Command } from 'commander';
import { hardenOutcome } from '../../manifests/harden-loop.js';
import { registerManifestCommands } from '../manifest-commands.js';

/** `drydock compose check|harden`: the guide's secure compose file. */
export function registerCompose(program: Command, setExit: (code: number) => void): void {
  registerManifestCommands(program, setExit, {
    name: 'compose',
    description: 'Check and harden docker-compose files (v2/v3 and the Compose Specification)',
    load: async () => {
      const [{ composeChecker }, { hardenCompose }] = await Promise.all([
        import('../../manifests/compose/index.js'),
        import('../../manifests/compose/harden.js'),
      ]);
      return { checker: composeChecker, harden: (text, path, o) => hardenOutcome(hardenCompose(text, path, o)) };
    },
    checkExamples: `  drydock compose check                                  every compose file under the current directory
  drydock compose check docker-compose.yml --fail-on high
  drydock compose check . --only DC1002 -f sarif -o compose.sarif

Suppress a finding with a comment on the line above (or at the end of the line):
  # drydock-ignore=DC1002 the CI runner needs the Docker API`,
    hardenExamples: `  drydock compose harden docker-compose.yml                        show the diff
  drydock compose harden docker-compose.yml -o docker-compose.secure.yml
  drydock compose harden docker-compose.yml --write                apply it in place
  drydock compose harden . --check                                 CI: exit 1 when something is left to harden`,
    hardenSummary: `harden gives every service the guide's block: user (--user, default 1000), read_only: true with a
tmpfs for /tmp and the paths its image writes (nginx's cache and pid file, database sockets),
cap_drop: [ALL], security_opt: [no-new-privileges:true], and turns privileged off. Comments, key
order, anchors and quoting stay as they are. What needs a human (docker.sock mounts, host namespaces,
secrets to move to secrets:, digests to pin) is listed on stderr.`,
    notRecognised: 'not a compose file (no services: with image: or build:)',
  });
}
