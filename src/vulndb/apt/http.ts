import { createHash } from 'node:crypto';
import { DrydockError, errorMessage } from '../../core/errors.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableNetworkError,
  parseRetryAfter,
  RETRYABLE_STATUS,
  type RetryPolicy,
  sleep,
} from '../../sources/registry/retry.js';

/**
 * Plain GETs against a Debian/Ubuntu mirror with bounded retries: mirrors behind CDNs drop
 * connections and answer 503 while syncing, both worth another try; 404 and the like are final.
 */

export interface MirrorFetchOptions {
  readonly retry?: RetryPolicy;
  /** One attempt's limit, body included (large indexes on a slow link need minutes). */
  readonly attemptTimeoutMs?: number;
  readonly headers?: Record<string, string>;
}

const DEFAULT_ATTEMPT_TIMEOUT_MS = 5 * 60_000;

/**
 * GETs `url` and hands the response to `consume` inside the retry loop, so a body cut short is
 * retried like a failed connection. Statuses other than 2xx/304 reach `consume` too (it decides).
 */
export async function withMirrorRetry<T>(
  url: string,
  consume: (res: Response) => Promise<T>,
  options: MirrorFetchOptions = {},
): Promise<T> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const started = Date.now();
  let lastError: unknown;
  for (let attempt = 0; attempt < policy.tries; attempt++) {
    let wait: number | undefined;
    try {
      const res = await fetch(url, {
        headers: options.headers ?? {},
        redirect: 'follow',
        signal: AbortSignal.timeout(options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS),
      });
      if (RETRYABLE_STATUS.has(res.status)) {
        await res.body?.cancel();
        lastError = new Error(`HTTP ${res.status}`);
        wait = parseRetryAfter(res.headers.get('retry-after'));
      } else {
        return await consume(res);
      }
    } catch (err) {
      if (!isRetryableNetworkError(err)) {
        if (err instanceof DrydockError) throw err;
        throw new DrydockError('io', `cannot fetch: ${errorMessage(err)}`, { where: url, cause: err });
      }
      lastError = err;
    }
    const delay = Math.min(wait ?? backoffDelay(attempt, policy), policy.maxDelayMs);
    if (attempt + 1 >= policy.tries || Date.now() - started + delay > policy.totalMs) break;
    await sleep(delay);
  }
  throw new DrydockError('io', `gave up after retries: ${errorMessage(lastError)}`, { where: url, cause: lastError });
}

/** The whole body, checked against the index's sha256 and size when given. 404 → undefined. */
export async function fetchBytes(
  url: string,
  expect: { readonly sha256?: string; readonly size?: number; readonly maxBytes?: number } = {},
  options: MirrorFetchOptions = {},
): Promise<Buffer | undefined> {
  return withMirrorRetry(
    url,
    async (res) => {
      if (res.status === 404 || res.status === 410) {
        await res.body?.cancel();
        return undefined;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new DrydockError('io', `HTTP ${res.status} ${res.statusText}`, { where: url });
      }
      const limit = expect.maxBytes ?? 1024 ** 3;
      const length = Number(res.headers.get('content-length') ?? Number.NaN);
      if (length > limit) {
        await res.body?.cancel();
        throw new DrydockError('io', `${length} bytes is over the ${limit}-byte limit`, { where: url });
      }
      const body = Buffer.from(await res.arrayBuffer());
      if (expect.size !== undefined && body.length !== expect.size) {
        throw new DrydockError('input', `size mismatch: expected ${expect.size} bytes, got ${body.length}`, {
          where: url,
        });
      }
      if (expect.sha256 !== undefined) {
        const actual = createHash('sha256').update(body).digest('hex');
        if (actual !== expect.sha256) {
          throw new DrydockError('input', `sha256 mismatch: the index says ${expect.sha256}, got ${actual}`, {
            where: url,
          });
        }
      }
      return body;
    },
    options,
  );
}
