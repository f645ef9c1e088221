import { DrydockError } from '../../core/errors.js';
import { imageBaseName, parseImageRef } from '../../core/image-ref.js';
import { isRootUser } from './rules/DC2001.js';
import { writablePathsFor } from './writable-paths.js';

export interface GenerateOptions {
  /** The image to run: `ghcr.io/org/app:1.4.2@sha256:…` (a digest makes the result check clean). */
  readonly image: string;
  /** Non-root user: a UID (`1000`), `UID:GID` or a user name the image has (default `1000`). */
  readonly user?: string;
  /** Port the app listens on. */
  readonly port?: number;
  /** Service / container name (default: the image's base name). */
  readonly name?: string;
}

export interface GeneratedFile {
  readonly text: string;
  /** What the user still has to do (pin the digest, check the writable paths, Fargate limits). */
  readonly notes: readonly string[];
}

/** Validated inputs shared by the compose and ECS generators. */
export interface GenerateInputs {
  readonly image: string;
  readonly digest: boolean;
  readonly user: string;
  readonly port: number | undefined;
  readonly name: string;
  readonly writable: readonly string[];
  readonly notes: string[];
}

export function generateInputs(options: GenerateOptions): GenerateInputs {
  const image = options.image.trim();
  const parsed = parseImageRef(image);
  if (!parsed.ok) throw new DrydockError('usage', `--image: ${parsed.error}`, { where: options.image });
  const user = (options.user ?? '1000').trim();
  if (!/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/.test(user)) {
    throw new DrydockError('usage', `--user must be a UID, UID:GID or user name (got "${options.user}")`);
  }
  if (isRootUser(user)) throw new DrydockError('usage', `--user ${user} is root: a hardened manifest runs as non-root`);
  const port = options.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new DrydockError('usage', `--port must be 1-65535 (got ${port})`);
  }
  const name = (options.name ?? imageBaseName(parsed.ref))
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 63);
  const notes: string[] = [];
  if (!parsed.ref.digest)
    notes.push(`pin the image by digest (drydock pin, or ${image}@sha256:…): it is reported until then`);
  const writable = writablePathsFor(image);
  notes.push(`writable paths for the read-only root: ${writable.join(', ')}; add any other path the app writes to`);
  return { image, digest: parsed.ref.digest !== undefined, user, port, name: name || 'app', writable, notes };
}

/**
 * `drydock generate compose --image REF --user 1000 --port 8000`: one service with the guide's block
 * (non-root user, read-only root with tmpfs for the paths the image writes, cap_drop ALL,
 * no-new-privileges, no privileged/host namespaces), a healthcheck-ready restart policy and a resource
 * limit, and a commented `secrets:` example instead of environment secrets. Checks clean under every
 * DC rule when the image is pinned by digest.
 */
export function generateCompose(options: GenerateOptions): GeneratedFile {
  const input = generateInputs(options);
  const lines = [
    `# Hardened starting point (drydock generate compose): the container security guide's defaults.`,
    `# Check it with: drydock compose check docker-compose.yml`,
    'services:',
    `  ${input.name}:`,
    `    image: ${JSON.stringify(input.image)}`,
    `    user: ${JSON.stringify(input.user)}`,
    '    read_only: true',
    '    tmpfs:',
    ...input.writable.map((p) => `      - ${p}`),
    '    cap_drop:',
    '      - ALL',
  ];
  if (input.port !== undefined && input.port < 1024) {
    lines.push('    cap_add:', '      - NET_BIND_SERVICE');
    input.notes.push(`port ${input.port} is below 1024: NET_BIND_SERVICE is added so a non-root process can bind it`);
  }
  lines.push('    security_opt:', '      - no-new-privileges:true');
  if (input.port !== undefined) lines.push('    ports:', `      - "${input.port}:${input.port}"`);
  lines.push(
    '    restart: on-failure:5',
    '    mem_limit: 512m',
    '    pids_limit: 256',
    '    # Secrets are files under /run/secrets, never environment values:',
    '    # secrets: [db_password]',
    '    # environment:',
    '    #   DATABASE_PASSWORD_FILE: /run/secrets/db_password',
    '# secrets:',
    '#   db_password:',
    '#     file: ./secrets/db_password.txt',
    '',
  );
  return { text: lines.join('\n'), notes: input.notes };
}
