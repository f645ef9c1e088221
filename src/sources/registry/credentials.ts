import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { errorMessage } from '../../core/errors.js';
import { joinHostPath } from '../../core/host-path.js';
import { redact, registerSecret } from './redact.js';

/** What to log in with. Never printed: only `source` appears in messages. */
export interface Credentials {
  readonly username?: string;
  readonly password?: string;
  /** An OAuth refresh token (`identitytoken`, or a helper answering Username `<token>`). */
  readonly identityToken?: string;
  /** Where they came from, for messages: `DRYDOCK_REGISTRY_USER`, `~/.docker/config.json`, `docker-credential-pass`. */
  readonly source: string;
}

export interface CredentialLookup {
  readonly credentials?: Credentials;
  /** Problems met on the way (a helper missing or failing): reported only if the registry then refuses us. */
  readonly problems: readonly string[];
}

export interface CredentialOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds a credential helper may take. */
  readonly helperTimeoutMs?: number;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** Docker keeps Docker Hub's credentials under its v1 index URL. */
const DOCKER_HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

/** `https://host:5000/v1/` → `host:5000`; Docker Hub's aliases → `docker.io`. */
export function normalizeRegistryKey(key: string): string {
  const host = key
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return DOCKER_HUB_KEYS.some((k) => normalizeBare(k) === host) ? 'docker.io' : host;
}

function normalizeBare(k: string): string {
  return k
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

/** The server URL credential helpers and `docker login` use for a registry. */
export function helperServerUrl(registry: string): string {
  return registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
}

/**
 * Credentials for `registry` (as named in references: `docker.io`, `localhost:5000`), in order:
 * `DRYDOCK_REGISTRY_USER`/`DRYDOCK_REGISTRY_PASSWORD`; then the Docker config
 * (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`): `credHelpers[registry]`, inline
 * `auths`, then `credsStore`. No credentials is not an error: many registries allow anonymous pulls.
 */
export async function lookupCredentials(registry: string, options: CredentialOptions = {}): Promise<CredentialLookup> {
  const env = options.env ?? process.env;
  const problems: string[] = [];
  const user = env.DRYDOCK_REGISTRY_USER;
  const password = env.DRYDOCK_REGISTRY_PASSWORD;
  if (user !== undefined && user !== '' && password !== undefined) {
    registerSecret(password);
    return { credentials: { username: user, password, source: 'DRYDOCK_REGISTRY_USER/PASSWORD' }, problems };
  }
  const dir = env.DOCKER_CONFIG ?? joinHostPath(env.HOME ?? homedir(), '.docker');
  const file = joinHostPath(dir, 'config.json');
  let config: DockerConfig;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as DockerConfig;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      problems.push(`cannot read ${file}: ${redact(errorMessage(err))}`);
    return { problems };
  }
  const key = normalizeRegistryKey(registry);
  const helperFor = Object.entries(config.credHelpers ?? {}).find(([k]) => normalizeRegistryKey(k) === key)?.[1];
  if (helperFor !== undefined && helperFor !== '') {
    const got = await runHelper(helperFor, registry, options.helperTimeoutMs, env);
    if ('credentials' in got) return { credentials: got.credentials, problems };
    problems.push(got.problem);
  }
  const entry = Object.entries(config.auths ?? {}).find(([k]) => normalizeRegistryKey(k) === key)?.[1];
  if (entry !== undefined) {
    const source = `${file} (auths)`;
    if (entry.identitytoken) {
      registerSecret(entry.identitytoken);
      return { credentials: { identityToken: entry.identitytoken, source }, problems };
    }
    if (entry.auth) {
      registerSecret(entry.auth);
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        const pw = decoded.slice(colon + 1);
        registerSecret(pw);
        return { credentials: { username: decoded.slice(0, colon), password: pw, source }, problems };
      }
      problems.push(`${file}: the auth entry for ${registry} is not base64 "user:password"`);
    } else if (entry.username && entry.password !== undefined) {
      registerSecret(entry.password);
      return { credentials: { username: entry.username, password: entry.password, source }, problems };
    }
  }
  if (config.credsStore !== undefined && config.credsStore !== '') {
    const got = await runHelper(config.credsStore, registry, options.helperTimeoutMs, env);
    if ('credentials' in got) return { credentials: got.credentials, problems };
    problems.push(got.problem);
  }
  return { problems };
}

type HelperResult = { credentials: Credentials } | { problem: string };

/**
 * Runs `docker-credential-<helper> get` with the server URL on stdin, the protocol of
 * docker/docker-credential-helpers. "credentials not found" is no credentials, not a failure.
 */
export async function runHelper(
  helper: string,
  registry: string,
  timeoutMs = 10_000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<HelperResult> {
  const program = `docker-credential-${helper}`;
  const serverUrl = helperServerUrl(registry);
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string; error?: Error }>(
    (resolve) => {
      let stdout = '';
      let stderr = '';
      let settled = false;
      const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], env });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        if (!settled) {
          settled = true;
          resolve({ code: null, stdout, stderr, error: new Error(`timed out after ${timeoutMs} ms`) });
        }
      }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString('utf8');
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        if (!settled) {
          settled = true;
          resolve({ code: null, stdout, stderr, error });
        }
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (!settled) {
          settled = true;
          resolve({ code, stdout, stderr });
        }
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(serverUrl);
    },
  );
  if (result.error !== undefined) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      problem: missing
        ? `credential helper ${program} is not on PATH`
        : `credential helper ${program} failed: ${redact(result.error.message)}`,
    };
  }
  if (result.code !== 0) {
    const text = (result.stdout + result.stderr).trim();
    if (/credentials not found/i.test(text)) return { problem: `${program} has no credentials for ${serverUrl}` };
    return { problem: `credential helper ${program} exited with ${result.code}: ${redact(text.split('\n')[0] ?? '')}` };
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(result.stdout) as { Username?: unknown; Secret?: unknown };
  } catch {
    registerSecret(result.stdout.trim());
    return { problem: `credential helper ${program} printed something that is not JSON` };
  }
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
  registerSecret(secret);
  if (secret === '') return { problem: `${program} returned an empty secret for ${serverUrl}` };
  if (username === '<token>') return { credentials: { identityToken: secret, source: program } };
  return { credentials: { username, password: secret, source: program } };
}
