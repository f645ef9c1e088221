import type { Command } from 'commander';
import { DrydockError } from '../../core/errors.js';
import { EXIT_OK } from '../../policy/gate.js';
import { emit } from '../output.js';

interface GenerateFlags {
  image: string;
  user: string;
  port?: string;
  name?: string;
  output?: string;
  quiet?: boolean;
}

const KINDS = ['k8s', 'ecs', 'compose'] as const;
type GenerateKind = (typeof KINDS)[number];

/** `drydock generate k8s|ecs|compose --image REF`: a hardened starting manifest that checks clean. */
export function registerGenerate(program: Command, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description('Print a hardened starting manifest (Kubernetes Deployment, ECS task definition, compose file)')
    .argument('<kind>', KINDS.join('|'))
    .requiredOption('--image <ref>', 'the image to run; pin it by digest (…@sha256:…) for a manifest that checks clean')
    .option(
      '--user <user>',
      'non-root user (a numeric UID for k8s; UID, UID:GID or a user name for ecs/compose)',
      '1000',
    )
    .option('--port <port>', 'port the app listens on')
    .option('--name <name>', 'service/container name (default: the image name)')
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .option('-q, --quiet', 'do not print the notes (what is left to do) on stderr')
    .addHelpText(
      'after',
      `
Examples:
  drydock generate compose --image ghcr.io/org/app:1.4@sha256:… --port 8000 -o docker-compose.yml
  drydock generate ecs --image 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4@sha256:… --port 8000
  drydock generate k8s --image ghcr.io/org/app:1.4@sha256:… --user 1000 --port 8000 > app.yaml

Every generated manifest passes its kind's check (drydock compose|ecs|k8s check) once the image is
pinned by digest. Notes on stderr say what is left to do (pin the image, other writable paths).

Exit codes: 0 printed, 2 usage error (bad image reference, root user, port out of range).`,
    )
    .action(async (kind: string, flags: GenerateFlags) => {
      if (!(KINDS as readonly string[]).includes(kind)) {
        throw new DrydockError('usage', `unknown kind "${kind}": use one of ${KINDS.join(', ')}`);
      }
      const port = flags.port === undefined ? undefined : Number(flags.port);
      if (port !== undefined && !Number.isInteger(port)) {
        throw new DrydockError('usage', `--port must be a number (got "${flags.port}")`);
      }
      const generated = await generateFor(kind as GenerateKind, flags, port);
      emit(generated.text, flags);
      if (!flags.quiet) for (const note of generated.notes) process.stderr.write(`note: ${note}\n`);
      setExit(EXIT_OK);
    });
}

async function generateFor(
  kind: GenerateKind,
  flags: GenerateFlags,
  port: number | undefined,
): Promise<{ text: string; notes: readonly string[] }> {
  const common = {
    image: flags.image,
    ...(port !== undefined ? { port } : {}),
    ...(flags.name ? { name: flags.name } : {}),
  };
  switch (kind) {
    case 'compose':
      return (await import('../../manifests/compose/generate.js')).generateCompose({ ...common, user: flags.user });
    case 'ecs':
      return (await import('../../manifests/ecs/generate.js')).generateEcs({ ...common, user: flags.user });
    case 'k8s': {
      const user = Number(flags.user);
      if (!/^\d+$/.test(flags.user.trim()) || user < 1) {
        throw new DrydockError('usage', `--user must be a non-zero numeric UID for Kubernetes (got "${flags.user}")`);
      }
      return (await import('../../manifests/k8s/generate.js')).generateKubernetes({ ...common, user });
    }
  }
}
