import { type ChildProcess, spawn } from 'node:child_process';
import { createPrivateKey, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';
import { run, TestbedUnavailableError } from './exec.js';

/**
 * A real CNCF Distribution registry (`/usr/bin/docker-registry`, 2.8.x) on 127.0.0.1, with no
 * auth, htpasswd Basic auth, or Docker-Hub-style token auth (an in-process token server signing
 * RS256 JWTs with an x5c header). Storage is a temp dir, deleted by stop().
 */

export type RegistryAuth = 'none' | 'basic' | 'token';

export interface RegistryOptions {
  readonly auth?: RegistryAuth;
  readonly username?: string;
  readonly password?: string;
  /** token auth: anonymous token requests get pull access (like a public Docker Hub repo). Default false. */
  readonly anonymousPull?: boolean;
  /** token auth: token lifetime in seconds (default 300). */
  readonly tokenExpiresIn?: number;
}

export interface TokenRequest {
  readonly account?: string;
  readonly scopes: readonly string[];
  readonly service?: string;
  /** 'ok', 'anonymous' or 'denied' (wrong credentials: 401). */
  readonly outcome: 'ok' | 'anonymous' | 'denied';
}

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, for image references (`${host}/repo:tag`). */
  readonly host: string;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly auth: RegistryAuth;
  /** Valid credentials (also set for auth 'none', where they are ignored). */
  readonly username: string;
  readonly password: string;
  /** token auth: the realm (`http://127.0.0.1:PORT/token`), service and issuer. */
  readonly token?: { readonly realm: string; readonly service: string; readonly issuer: string };
  /** token auth: every request the token server answered, in order. */
  readonly tokenRequests: readonly TokenRequest[];
  stop(): Promise<void>;
}

const REGISTRY_BIN = '/usr/bin/docker-registry';
const SERVICE = 'drydock-testbed-registry';
const ISSUER = 'drydock-testbed-token-issuer';

/** A port the kernel just handed out on 127.0.0.1 (tiny race until the registry binds it: retried). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr && typeof addr === 'object') resolve(addr.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const auth = options.auth ?? 'none';
  const username = options.username ?? 'drydock';
  const password = options.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'drydock-registry-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  const tokenRequests: TokenRequest[] = [];
  try {
    let authYaml = '';
    let token: RunningRegistry['token'];
    if (auth === 'basic') {
      const line = (await run('htpasswd', ['-Bbn', username, password])).stdout.toString('utf8').trim();
      await writeFile(join(dir, 'htpasswd'), `${line}\n`);
      authYaml = `auth:\n  htpasswd:\n    realm: drydock-testbed\n    path: ${join(dir, 'htpasswd')}\n`;
    } else if (auth === 'token') {
      const server = await startTokenServer(dir, { username, password, options, log: tokenRequests });
      cleanups.push(server.close);
      token = { realm: server.realm, service: SERVICE, issuer: ISSUER };
      authYaml = [
        'auth:',
        '  token:',
        `    realm: ${server.realm}`,
        `    service: ${SERVICE}`,
        `    issuer: ${ISSUER}`,
        `    rootcertbundle: ${server.certPath}`,
        '',
      ].join('\n');
    }
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const config = join(dir, 'config.yml');
      await writeFile(
        config,
        [
          'version: 0.1',
          'log:',
          '  level: error',
          '  accesslog:',
          '    disabled: true',
          'storage:',
          '  filesystem:',
          `    rootdirectory: ${join(dir, 'storage')}`,
          '  delete:',
          '    enabled: true',
          '  maintenance:',
          '    uploadpurging:',
          '      enabled: false',
          'http:',
          `  addr: 127.0.0.1:${port}`,
          `  secret: ${randomBytes(16).toString('hex')}`,
          authYaml,
        ].join('\n'),
      );
      const child = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => {
        stderr = (stderr + b.toString('utf8')).slice(-4000);
      });
      const exited = new Promise<string>((resolve) => {
        child.on('error', (e: NodeJS.ErrnoException) =>
          resolve(e.code === 'ENOENT' ? `${REGISTRY_BIN} is not installed (apt package docker-registry)` : e.message),
        );
        child.on('exit', (code, signal) => resolve(`exited (${signal ?? code}): ${stderr.trim()}`));
      });
      const url = `http://127.0.0.1:${port}`;
      const problem = await Promise.race([waitForV2(url), exited]);
      if (problem === undefined) {
        const stopChild = () => killChild(child);
        cleanups.unshift(stopChild);
        return {
          host: `127.0.0.1:${port}`,
          url,
          auth,
          username,
          password,
          ...(token ? { token } : {}),
          tokenRequests,
          stop: () => runCleanups(cleanups),
        };
      }
      await killChild(child);
      if (problem.includes('not installed')) throw new TestbedUnavailableError(problem);
      if (!/address already in use/.test(problem) || attempt >= 5) {
        throw new Error(`testbed: docker-registry did not start: ${problem}`);
      }
    }
  } catch (e) {
    await runCleanups(cleanups);
    throw e;
  }
}

/** undefined once GET /v2/ answers (200 or 401); a message after 15 s. */
async function waitForV2(url: string): Promise<undefined | string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return undefined;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) return `no answer on ${url}/v2/ after 15 s`;
    await sleep(50);
  }
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function runCleanups(cleanups: (() => Promise<void>)[]): Promise<void> {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
}

interface TokenServer {
  readonly realm: string;
  readonly certPath: string;
  close(): Promise<void>;
}

/**
 * Docker's token protocol (distribution/docs/spec/auth/token.md): GET /token?service=&scope=…
 * with optional Basic credentials, answered with `{token, access_token, expires_in, issued_at}`;
 * also the OAuth2 form POST (grant_type=password). Wrong credentials: 401. The JWT carries the
 * claims Distribution checks (iss, aud = service, exp/nbf with clock skew, access[]) and an x5c
 * header chaining to the registry's rootcertbundle.
 */
async function startTokenServer(
  dir: string,
  ctx: { username: string; password: string; options: RegistryOptions; log: TokenRequest[] },
): Promise<TokenServer> {
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    '/CN=drydock-testbed-token-signer',
  ]);
  const key = createPrivateKey(await readFile(keyPath));
  const certDer = new X509Certificate(readFileSync(certPath)).raw.toString('base64');
  const expiresIn = ctx.options.tokenExpiresIn ?? 300;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    let params = url.searchParams;
    let user: string | undefined;
    let pass: string | undefined;
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (params.get('grant_type') === 'password') {
        user = params.get('username') ?? undefined;
        pass = params.get('password') ?? undefined;
      }
    }
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      user = decoded.slice(0, i);
      pass = decoded.slice(i + 1);
    }
    const scopes = params.getAll('scope').flatMap((s) => s.split(' ').filter(Boolean));
    const service = params.get('service') ?? undefined;
    const account = params.get('account') ?? user;
    const base = { scopes, ...(service ? { service } : {}), ...(account ? { account } : {}) };
    if (user !== undefined && (user !== ctx.username || pass !== ctx.password)) {
      ctx.log.push({ ...base, outcome: 'denied' });
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    const anonymous = user === undefined;
    ctx.log.push({ ...base, outcome: anonymous ? 'anonymous' : 'ok' });
    const access = scopes.flatMap((scope) => {
      const parts = scope.split(':');
      if (parts.length < 3) return [];
      const type = parts[0] ?? '';
      const actions = (parts[parts.length - 1] ?? '').split(',').filter(Boolean);
      const name = parts.slice(1, -1).join(':');
      const granted = anonymous ? (ctx.options.anonymousPull ? actions.filter((a) => a === 'pull') : []) : actions;
      return granted.length > 0 ? [{ type, name, actions: granted }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ access })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5c: [certDer] })
      .setIssuer(ISSUER)
      .setSubject(anonymous ? '' : ctx.username)
      .setAudience(service ?? SERVICE)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(key);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        token: jwt,
        access_token: jwt,
        expires_in: expiresIn,
        issued_at: new Date(now * 1000).toISOString(),
      }),
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      if (a && typeof a === 'object') resolve(a.port);
      else reject(new Error('token server has no port'));
    });
  });
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
