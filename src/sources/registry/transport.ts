import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { DrydockError, errorMessage } from '../../core/errors.js';
import { redact } from './redact.js';
import { schemeFor } from './reference.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableNetworkError,
  networkErrorCode,
  parseRetryAfter,
  RETRYABLE_STATUS,
  type RetryPolicy,
  sleep,
} from './retry.js';

export interface TransportOptions {
  /** Hosts (`host` or `host:port`) spoken to over plain HTTP, like Docker's insecure-registries. */
  readonly insecureRegistries?: readonly string[];
  /** Connect + response headers, per attempt. */
  readonly timeoutMs?: number;
  /** Longest silence while a body streams. */
  readonly idleTimeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Debug log; every line is redacted before it gets here. */
  readonly log?: (line: string) => void;
  readonly userAgent?: string;
}

export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Names the thing being fetched in errors: `127.0.0.1:5000/app:1 (manifest)`. */
  readonly what: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** Final URL after redirects. */
  readonly url: string;
  /** The body as a Node stream with an idle timeout. */
  stream(): Readable;
  /** The whole body, refusing more than `limit` bytes. */
  bytes(limit: number): Promise<Buffer>;
  discard(): Promise<void>;
}

const MAX_REDIRECTS = 5;

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no answer within ${Math.round(ms / 1000)} s`), { code: 'ETIMEDOUT' });
}

/**
 * HTTP for one process: scheme choice, per-attempt timeouts, bounded retries with backoff and
 * Retry-After, and redirects followed by hand so the registry's Authorization header never
 * reaches another host (pre-signed blob storage URLs carry their own credentials).
 */
export class Transport {
  readonly options: TransportOptions;
  private readonly retry: RetryPolicy;
  /** Requests sent over the wire, retries and redirects included (tests and `--debug`). */
  requests = 0;

  constructor(options: TransportOptions = {}) {
    this.options = options;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  baseUrl(host: string): string {
    return `${schemeFor(host, this.options.insecureRegistries)}://${host}`;
  }

  log(line: string): void {
    this.options.log?.(redact(line));
  }

  /**
   * Sends with retries. Retryable statuses that persist become a DrydockError; any other status is
   * returned for the caller to judge (401 → auth, 404 → unknown tag).
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const started = Date.now();
    let lastProblem = '';
    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      try {
        const res = await this.sendOnce(req);
        if (!RETRYABLE_STATUS.has(res.status)) return res;
        lastProblem = `${res.status} ${res.statusText}`.trim();
        wait = parseRetryAfter(res.headers.get('retry-after'));
        await res.discard();
      } catch (err) {
        if (!isRetryableNetworkError(err)) throw this.networkError(req, err);
        lastProblem = `${networkErrorCode(err) ?? 'network error'}: ${errorMessage(err)}`;
      }
      const tries = attempt + 1;
      const delay = wait ?? backoffDelay(attempt, this.retry);
      const elapsed = Date.now() - started;
      if (tries >= this.retry.tries || elapsed + delay > this.retry.totalMs || delay > this.retry.maxDelayMs) {
        const why =
          wait !== undefined && delay > this.retry.maxDelayMs
            ? `; Retry-After asks for ${Math.round(delay / 1000)} s`
            : '';
        throw new DrydockError(
          'io',
          redact(
            `${lastProblem} from ${new URL(req.url).host}, giving up after ${tries} tries in ${seconds(elapsed)}${why}`,
          ),
          { where: req.what, hint: 'the registry is overloaded or failing; try again later' },
        );
      }
      this.log(`retry ${tries}/${this.retry.tries - 1} of ${req.method} ${req.url} in ${delay} ms (${lastProblem})`);
      await sleep(delay);
    }
  }

  private networkError(req: HttpRequest, err: unknown): Error {
    if (err instanceof DrydockError) return err;
    const code = networkErrorCode(err);
    const host = new URL(req.url).host;
    const cause = errorCause(err);
    const hint =
      code === 'ECONNREFUSED'
        ? 'is the registry running and the port right?'
        : /certificate|SSL|TLS|EPROTO/i.test(cause)
          ? 'a TLS problem; for a plain-HTTP registry pass it as an insecure registry'
          : undefined;
    return new DrydockError('io', redact(`cannot reach ${host}: ${cause}`), {
      where: req.what,
      ...(hint === undefined ? {} : { hint }),
    });
  }

  /** One attempt, redirects included. */
  private async sendOnce(req: HttpRequest): Promise<HttpResponse> {
    const origin = new URL(req.url).origin;
    let url = req.url;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    for (let hop = 0; ; hop++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? 'drydock', ...req.headers };
      // Credentials are for the registry only: blob storage behind a redirect gets none.
      if (new URL(url).origin !== origin) {
        for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k];
      }
      this.requests++;
      let res: Response;
      try {
        res = await fetch(url, {
          method: req.method,
          headers,
          redirect: 'manual',
          signal: controller.signal,
          ...(req.body === undefined ? {} : { body: req.body }),
        });
      } catch (err) {
        clearTimeout(timer);
        throw err;
      }
      clearTimeout(timer);
      this.log(`${req.method} ${url} → ${res.status}`);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && location !== null) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) {
          throw new DrydockError('io', `more than ${MAX_REDIRECTS} redirects`, { where: req.what });
        }
        const next = new URL(location, url);
        if (
          next.protocol === 'http:' &&
          new URL(url).protocol === 'https:' &&
          schemeFor(next.host, this.options.insecureRegistries) !== 'http'
        ) {
          throw new DrydockError('io', redact(`refusing redirect from HTTPS to plain HTTP (${next.host})`), {
            where: req.what,
          });
        }
        url = next.toString();
        continue;
      }
      return wrapResponse(res, url, controller, this.options.idleTimeoutMs ?? 60_000);
    }
  }
}

function wrapResponse(res: Response, url: string, controller: AbortController, idleMs: number): HttpResponse {
  const stream = (): Readable => {
    if (res.body === null) return Readable.from([]);
    const readable = Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>);
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const err = timeoutError(idleMs);
        controller.abort(err);
        readable.destroy(err);
      }, idleMs);
    };
    arm();
    readable.on('data', arm);
    readable.on('close', () => clearTimeout(timer));
    return readable;
  };
  return {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
    url,
    stream,
    async bytes(limit: number): Promise<Buffer> {
      const chunks: Buffer[] = [];
      let n = 0;
      for await (const chunk of stream()) {
        const b = chunk as Buffer;
        n += b.length;
        if (n > limit) {
          controller.abort();
          throw new DrydockError('input', `response larger than ${limit} bytes`);
        }
        chunks.push(b);
      }
      return Buffer.concat(chunks);
    },
    async discard(): Promise<void> {
      await res.body?.cancel().catch(() => undefined);
    },
  };
}

function errorCause(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    if (e.message !== 'fetch failed') parts.push(e.message);
    e = e.cause;
  }
  return parts.length > 0 ? parts.join(': ') : errorMessage(err);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
