import type { Command } from 'commander';
import { hardenOutcome } from '../../manifests/harden-loop.js';
import { registerManifestCommands } from '../manifest-commands.js';

/** `drydock ecs check|harden`: task definitions, CloudFormation task definitions, container arrays. */
export function registerEcs(program: Command, setExit: (code: number) => void): void {
  registerManifestCommands(program, setExit, {
    name: 'ecs',
    description: 'Check and harden Amazon ECS task definitions (JSON, CloudFormation JSON/YAML)',
    load: async () => {
      const [{ ecsChecker }, { hardenEcs }] = await Promise.all([
        import('../../manifests/ecs/index.js'),
        import('../../manifests/ecs/harden.js'),
      ]);
      return { checker: ecsChecker, harden: (text, path, o) => hardenOutcome(hardenEcs(text, path, o)) };
    },
    checkExamples: `  drydock ecs check task-definition.json
  drydock ecs check infra/ --fail-on high          task definitions and CloudFormation templates
  drydock ecs check . --only CKV_AWS_336 AVD-AWS-0036`,
    hardenExamples: `  drydock ecs harden task-definition.json           show the diff
  drydock ecs harden task-definition.json --write   apply it in place
  drydock ecs harden template.yaml -o template.secure.yaml`,
    hardenSummary: `harden gives every container the guide's block: readonlyRootFilesystem, user (--user, default 1000),
linuxParameters.capabilities.drop ["ALL"] and initProcessEnabled, turns privileged off, mounts a task
volume on /tmp (and the paths its image writes) so the read-only root still works, and enables EFS
transit encryption. JSON stays JSON in the file's own indentation; CloudFormation keeps its PascalCase.
What needs a human (host network/PID mode, secrets to move to "secrets", digests to pin) is listed on
stderr.`,
    notRecognised: 'not an ECS task definition (no containerDefinitions)',
  });
}
