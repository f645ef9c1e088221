import { type GeneratedFile, type GenerateOptions, generateInputs } from '../compose/generate.js';

/**
 * `drydock generate ecs --image REF --user 1000 --port 8000`: a Fargate task definition whose container
 * has the guide's block (`readonlyRootFilesystem`, non-root `user`, capabilities drop ALL, init process,
 * `privileged: false`), a task volume mounted on each path the image writes, `awsvpc` networking and an
 * empty `secrets` list to fill with Secrets Manager / SSM ARNs. Checks clean under every DE rule when
 * the image is pinned by digest.
 */
export function generateEcs(options: GenerateOptions): GeneratedFile {
  const input = generateInputs(options);
  const capabilities: Record<string, string[]> = { drop: ['ALL'] };
  if (input.port !== undefined && input.port < 1024) {
    capabilities.add = ['NET_BIND_SERVICE'];
    input.notes.push(
      `port ${input.port} is below 1024: NET_BIND_SERVICE is added, which Fargate does not allow (only SYS_PTRACE): use a port of 1024 or more on Fargate`,
    );
  }
  const volumes = input.writable.map((path) => ({
    name: `${input.name}-${path.replace(/^\/+/, '').replace(/[^A-Za-z0-9_-]+/g, '-')}`,
    path,
  }));
  const container = {
    name: input.name,
    image: input.image,
    essential: true,
    user: input.user,
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: { capabilities, initProcessEnabled: true },
    ...(input.port !== undefined ? { portMappings: [{ containerPort: input.port, protocol: 'tcp' }] } : {}),
    mountPoints: volumes.map((v) => ({ sourceVolume: v.name, containerPath: v.path })),
    environment: [],
    secrets: [],
  };
  const task = {
    family: input.name,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [container],
    volumes: volumes.map((v) => ({ name: v.name })),
  };
  input.notes.push(
    'add "secrets": [{"name": "…", "valueFrom": "arn:aws:secretsmanager:…"}] for credentials, never "environment"',
  );
  input.notes.push('set executionRoleArn (image pull, secrets) and a separate taskRoleArn for the app');
  return { text: `${JSON.stringify(task, null, 2)}\n`, notes: input.notes };
}
