import { DrydockError } from '../../core/errors.js';
import { type CredentialLookup, type Credentials, lookupCredentials } from './credentials.js';
import { redact, registerSecret } from './redact.js';
import type { Transport } from './transport.js';

export interface Challenge {
  /** Lower-cased: `bearer`, `basic`. */
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses `WWW-Authenticate` (RFC 7235): one or more challenges, each a scheme and
 * comma-separated `key=value` / `key="quoted, value"` parameters.
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let i = 0;
  const s = header;
  const skipSpace = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  while (i < s.length) {
    skipSpace();
    if (s[i] === ',') {
      i++;
      continue;
    }
    const tokenStart = i;
    while (i < s.length && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(s[i] ?? '')) i++;
    const token = s.slice(tokenStart, i);
    if (token === '') {
      i++;
      continue;
    }
    skipSpace();
    if (s[i] === '=' && challenges.length > 0) {
      // a parameter of the current challenge
      i++;
      skipSpace();
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i];
          i++;
        }
        i++;
      } else {
        const start = i;
        while (i < s.length && s[i] !== ',' && s[i] !== ' ') i++;
        value = s.slice(start, i);
      }
      const current = challenges[challenges.length - 1];
      if (current) current.params[token.toLowerCase()] = value;
    } else {
      challenges.push({ scheme: token.toLowerCase(), params: {} });
    }
  }
  return challenges;
}

interface CachedToken {
  readonly header: string;
  readonly expires: number;
}

export interface AuthOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly helperTimeoutMs?: number;
}

/**
 * Logs in the way the Docker client does: anonymous first; on a 401, answer the challenge —
 * Basic with known credentials, or Bearer by fetching a token from the realm (with Basic
 * credentials when known, OAuth refresh-token POST for identity tokens). Tokens are cached per
 * realm, service and scope until shortly before they expire; the challenge is remembered per
 * registry so later requests send the header up front instead of collecting a 401 each time.
 */
export class Authenticator {
  private readonly transport: Transport;
  private readonly options: AuthOptions;
  private readonly creds = new Map<string, Promise<CredentialLookup>>();
  private readonly challenges = new Map<string, Challenge>();
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(transport: Transport, options: AuthOptions = {}) {
    this.transport = transport;
    this.options = options;
  }

  credentialsFor(registry: string): Promise<CredentialLookup> {
    let p = this.creds.get(registry);
    if (p === undefined) {
      p = lookupCredentials(registry, this.options);
      this.creds.set(registry, p);
    }
    return p;
  }

  /** The Authorization header to send up front, if this registry already challenged us. */
  async headerFor(registry: string, scope: string, what: string): Promise<string | undefined> {
    const challenge = this.challenges.get(registry);
    if (challenge === undefined) return undefined;
    return this.answer(registry, scope, challenge, what);
  }

  /** Answers a 401's challenge; throws a one-line error if we cannot. */
  async onUnauthorized(registry: string, scope: string, header: string | null, what: string): Promise<string> {
    const all = parseWwwAuthenticate(header ?? '');
    const challenge = all.find((c) => c.scheme === 'bearer') ?? all.find((c) => c.scheme === 'basic');
    if (challenge === undefined) {
      throw await this.denied(registry, what, `401 Unauthorized with no usable WWW-Authenticate challenge`);
    }
    this.challenges.set(registry, challenge);
    return this.answer(registry, scope, challenge, what);
  }

  /** Forget a token the registry just refused, so the next try fetches a new one. */
  invalidate(registry: string, scope: string): void {
    const c = this.challenges.get(registry);
    if (c !== undefined) this.tokens.delete(tokenKey(c, scope));
  }

  /** The one-line error for a refusal, naming where credentials came from (never the credentials). */
  async denied(registry: string, what: string, status: string): Promise<DrydockError> {
    const { credentials, problems } = await this.credentialsFor(registry);
    const message = credentials
      ? `${status}: ${registry} rejected the credentials from ${credentials.source}`
      : `${status}: ${registry} requires authentication and no credentials were found`;
    const hint =
      problems.length > 0
        ? problems.join('; ')
        : credentials
          ? 'check the user name and password, and that the account may pull this repository'
          : 'set DRYDOCK_REGISTRY_USER and DRYDOCK_REGISTRY_PASSWORD, or run docker login';
    return new DrydockError('io', redact(message), { where: what, hint: redact(hint) });
  }

  private async answer(registry: string, scope: string, challenge: Challenge, what: string): Promise<string> {
    const { credentials } = await this.credentialsFor(registry);
    if (challenge.scheme === 'basic') {
      if (!credentials?.username || credentials.password === undefined) {
        throw await this.denied(registry, what, '401 Unauthorized');
      }
      const value = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
      registerSecret(value);
      return `Basic ${value}`;
    }
    const key = tokenKey(challenge, scope);
    const cached = this.tokens.get(key);
    if (cached !== undefined && cached.expires > Date.now()) return cached.header;
    let p = this.pending.get(key);
    if (p === undefined) {
      p = this.fetchToken(registry, scope, challenge, credentials, what).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    const token = await p;
    this.tokens.set(key, token);
    return token.header;
  }

  private async fetchToken(
    registry: string,
    scope: string,
    challenge: Challenge,
    credentials: Credentials | undefined,
    what: string,
  ): Promise<CachedToken> {
    const realm = challenge.params.realm;
    if (realm === undefined || !/^https?:\/\//.test(realm)) {
      throw new DrydockError('io', `${registry} sent a Bearer challenge without a usable realm`, { where: what });
    }
    const service = challenge.params.service;
    const url = new URL(realm);
    let res: Awaited<ReturnType<Transport['send']>>;
    if (credentials?.identityToken !== undefined) {
      // OAuth2 refresh-token grant, as the Docker client does for identity tokens.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.identityToken });
      if (service !== undefined) form.set('service', service);
      form.set('scope', scope);
      form.set('client_id', 'drydock');
      res = await this.transport.send({
        method: 'POST',
        url: url.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        what,
      });
    } else {
      if (service !== undefined) url.searchParams.set('service', service);
      url.searchParams.append('scope', scope);
      const headers: Record<string, string> = {};
      if (credentials?.username && credentials.password !== undefined) {
        const value = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
        registerSecret(value);
        headers.authorization = `Basic ${value}`;
        url.searchParams.set('account', credentials.username);
      }
      res = await this.transport.send({ method: 'GET', url: url.toString(), headers, what });
    }
    if (res.status === 401 || res.status === 403) {
      await res.discard();
      throw await this.denied(registry, what, `${res.status} from token server ${url.host}`);
    }
    if (res.status !== 200) {
      await res.discard();
      throw new DrydockError('io', `token server ${url.host} answered ${res.status} ${res.statusText}`.trim(), {
        where: what,
      });
    }
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse((await res.bytes(1 << 20)).toString('utf8')) as typeof body;
    } catch {
      throw new DrydockError('io', `token server ${url.host} did not answer JSON`, { where: what });
    }
    const token =
      typeof body.token === 'string' && body.token !== ''
        ? body.token
        : typeof body.access_token === 'string'
          ? body.access_token
          : '';
    if (token === '') throw new DrydockError('io', `token server ${url.host} returned no token`, { where: what });
    registerSecret(token);
    // Distribution's default is 60 s; renew 10 s early so a token never expires mid-request.
    const ttl = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    return { header: `Bearer ${token}`, expires: Date.now() + Math.max(1, ttl - 10) * 1000 };
  }
}

function tokenKey(challenge: Challenge, scope: string): string {
  return `${challenge.params.realm ?? ''}|${challenge.params.service ?? ''}|${scope}`;
}
