/**
 * When and how long to wait before asking a registry again. Registries (Docker Hub above all)
 * answer 429 with Retry-After under load, and CDNs in front of blob storage drop connections; both
 * are worth a bounded number of retries. Anything else (401, 404, digest mismatch) is final.
 */

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  readonly tries: number;
  /** First backoff step; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Cap for one wait (backoff or Retry-After). */
  readonly maxDelayMs: number;
  /** Cap for the whole operation, waits included: a Retry-After beyond it gives up at once. */
  readonly totalMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { tries: 5, baseDelayMs: 250, maxDelayMs: 15_000, totalMs: 60_000 };

export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * `Retry-After` as milliseconds from `now`: either delta-seconds or an HTTP date. Invalid or
 * missing → undefined; a date in the past → 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (text === '' || /^[-+]?\d/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Exponential backoff with "full jitter" (AWS architecture blog): uniform in [0, base·2^attempt], capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // Never zero: a tight loop against a struggling server helps nobody.
  return Math.max(policy.baseDelayMs / 4, Math.floor(random() * ceiling));
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** The error's code, looking through `fetch failed` wrappers. */
export function networkErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (e.name === 'TimeoutError') return 'ETIMEDOUT';
    if (e.message === 'terminated' || e.message === 'other side closed') return 'ECONNRESET';
    e = e.cause;
  }
  return undefined;
}

/** Connection resets and timeouts; not refused connections, DNS failures or TLS errors (retrying will not help). */
export function isRetryableNetworkError(err: unknown): boolean {
  const code = networkErrorCode(err);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
