import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
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
 * One feed file kept up to date in the cache: `<path>` is the last good copy, `<path>.meta.json` the
 * validators it came with (a conditional GET then costs one 304), `<path>.partial` an interrupted
 * download resumed with `Range` next time. The good copy is replaced only by rename, after the
 * caller's check passed.
 */

export interface FileMeta {
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly size: number;
  /** Of the content: a server without validators answers 200 every time, identical bytes then count as not modified. */
  readonly sha256?: string;
  /** When this copy was downloaded (ISO); identifies the copy for "already imported?". */
  readonly fetchedAt: string;
}

/** Beside a `.partial`: which response its bytes came from, so a resume asks for the same version. */
interface PartialMeta {
  readonly url: string;
  /** The strong validator sent as If-Range; absent → the bytes cannot be resumed. */
  readonly ifRange?: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface DownloadOptions {
  readonly retry?: RetryPolicy;
  /** An attempt that receives nothing for this long is dropped and retried (a stalled CDN connection). */
  readonly idleTimeoutMs?: number;
  /** Why the downloaded file is unusable, or undefined; runs before it replaces the cached copy. */
  readonly verify?: (path: string) => Promise<string | undefined>;
  /** Prefix for error messages (the feed name). */
  readonly what?: string;
}

export interface Download {
  readonly url: string;
  readonly path: string;
  /** `not-modified`: a 304, or a full body identical to the cached copy. */
  readonly status: 'downloaded' | 'not-modified';
  /** Size of the cached copy. */
  readonly bytes: number;
  /** Bytes kept from an interrupted download and completed with a Range request. */
  readonly resumedFrom?: number;
  readonly attempts: number;
  readonly meta: FileMeta;
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export function metaPath(path: string): string {
  return `${path}.meta.json`;
}

/** The validators of the cached copy, when there is a copy and they describe it. */
export function readFileMeta(path: string): FileMeta | undefined {
  const meta = readJson<FileMeta>(metaPath(path));
  if (!meta || !existsSync(path) || statSync(path).size !== meta.size) return undefined;
  return meta;
}

/**
 * Brings `path` up to date with `url`: a conditional GET (If-None-Match / If-Modified-Since from the
 * cached copy), resuming a previous partial download with Range/If-Range when the server allows, and
 * retrying 429/5xx (honouring Retry-After) and dropped connections with backoff. Every failure is a
 * one-line DrydockError naming `options.what`; the cached copy is then untouched.
 */
export async function downloadFile(url: string, path: string, options: DownloadOptions = {}): Promise<Download> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const what = options.what ?? url;
  const partial = `${path}.partial`;
  const partialMeta = `${partial}.json`;
  mkdirSync(dirname(path), { recursive: true });
  const started = Date.now();
  let lastError: unknown;
  let resumedFrom: number | undefined;
  for (let attempt = 0; attempt < policy.tries; attempt++) {
    let wait: number | undefined;
    const cached = readFileMeta(path);
    const headers: Record<string, string> = {};
    if (cached?.url === url) {
      if (cached.etag) headers['if-none-match'] = cached.etag;
      if (cached.lastModified) headers['if-modified-since'] = cached.lastModified;
    }
    const have = resumableBytes(partial, partialMeta, url);
    if (have) {
      headers.range = `bytes=${have.bytes}-`;
      headers['if-range'] = have.ifRange;
    }
    const idle = new IdleTimer(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
    try {
      const res = await fetch(url, { headers, redirect: 'follow', signal: idle.signal });
      if (res.status === 304 && cached) {
        await res.body?.cancel();
        // The cached copy is current: bytes of some other version are of no use.
        rmSync(partial, { force: true });
        rmSync(partialMeta, { force: true });
        return { url, path, status: 'not-modified', bytes: cached.size, attempts: attempt + 1, meta: cached };
      }
      if (RETRYABLE_STATUS.has(res.status)) {
        await res.body?.cancel();
        lastError = new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
        wait = parseRetryAfter(res.headers.get('retry-after'));
      } else if (res.status === 206 && have && contentRangeStart(res) === have.bytes) {
        resumedFrom = have.bytes;
        await receive(res, partial, 'a', idle);
        const total = contentRangeTotal(res);
        if (total !== undefined && statSync(partial).size !== total) throw truncated(statSync(partial).size, total);
        return await finish(url, path, partial, partialMeta, options, what, attempt, resumedFrom);
      } else if (res.status === 200) {
        // A fresh body: either nothing to resume, or the server ignored Range / the version changed.
        resumedFrom = undefined;
        writeFileSync(partialMeta, JSON.stringify(partialMetaFor(url, res)));
        await receive(res, partial, 'w', idle);
        const length = res.headers.get('content-encoding') ? undefined : numberHeader(res, 'content-length');
        if (length !== undefined && statSync(partial).size !== length) throw truncated(statSync(partial).size, length);
        return await finish(url, path, partial, partialMeta, options, what, attempt, undefined);
      } else if (res.status === 206 || res.status === 416) {
        // A range we did not ask for, or one the file no longer has: start over.
        await res.body?.cancel();
        rmSync(partial, { force: true });
        rmSync(partialMeta, { force: true });
        lastError = new Error(`HTTP ${res.status} for bytes=${have?.bytes ?? 0}-`);
        wait = 0;
      } else {
        await res.body?.cancel();
        throw new DrydockError('io', `${what}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, {
          where: url,
        });
      }
    } catch (err) {
      if (err instanceof DrydockError) throw err;
      if (!isRetryableNetworkError(err) && !(err instanceof TruncatedBody)) {
        throw new DrydockError('io', `${what}: cannot fetch: ${errorMessage(err)}`, { where: url, cause: err });
      }
      lastError = err;
    } finally {
      idle.stop();
    }
    const delay = Math.min(wait ?? backoffDelay(attempt, policy), policy.maxDelayMs);
    if (attempt + 1 >= policy.tries || Date.now() - started + delay > policy.totalMs) break;
    await sleep(delay);
  }
  throw new DrydockError('io', `${what}: gave up after retries: ${errorMessage(lastError)}`, {
    where: url,
    cause: lastError,
  });
}

/** Verifies the completed partial, then makes it the cached copy (file first, then its validators). */
async function finish(
  url: string,
  path: string,
  partial: string,
  partialMeta: string,
  options: DownloadOptions,
  what: string,
  attempt: number,
  resumedFrom: number | undefined,
): Promise<Download> {
  const validators = readJson<PartialMeta>(partialMeta);
  const problem = await options.verify?.(partial);
  if (problem !== undefined) {
    rmSync(partial, { force: true });
    rmSync(partialMeta, { force: true });
    throw new DrydockError('input', `${what}: downloaded file is unusable: ${problem}`, { where: url });
  }
  const size = statSync(partial).size;
  const sha256 = await fileSha256(partial);
  const previous = readFileMeta(path);
  const same = previous?.url === url && previous.sha256 === sha256;
  const meta: FileMeta = {
    url,
    ...(validators?.etag && { etag: validators.etag }),
    ...(validators?.lastModified && { lastModified: validators.lastModified }),
    size,
    sha256,
    // The same bytes keep their identity, so "already imported" still holds for them.
    fetchedAt: same ? previous.fetchedAt : new Date().toISOString(),
  };
  renameSync(partial, path);
  // Written after the file: a crash in between leaves old validators, which costs a download, never a stale 304.
  const tmp = `${metaPath(path)}.tmp`;
  writeFileSync(tmp, JSON.stringify(meta));
  renameSync(tmp, metaPath(path));
  rmSync(partialMeta, { force: true });
  return {
    url,
    path,
    status: same ? 'not-modified' : 'downloaded',
    bytes: size,
    ...(resumedFrom !== undefined && { resumedFrom }),
    attempts: attempt + 1,
    meta,
  };
}

/** Bytes of an interrupted download of `url` that can be resumed (same version, unencoded). */
function resumableBytes(
  partial: string,
  partialMeta: string,
  url: string,
): { bytes: number; ifRange: string } | undefined {
  const meta = readJson<PartialMeta>(partialMeta);
  const bytes = existsSync(partial) ? statSync(partial).size : 0;
  if (meta?.url === url && meta.ifRange && bytes > 0) return { bytes, ifRange: meta.ifRange };
  rmSync(partial, { force: true });
  rmSync(partialMeta, { force: true });
  return undefined;
}

/**
 * If-Range needs a strong validator (RFC 9110 §13.1.5): a strong ETag, else Last-Modified. A body sent
 * with Content-Encoding was decoded by fetch, so its byte offsets are not the server's: not resumable.
 */
function partialMetaFor(url: string, res: Response): PartialMeta {
  const etag = res.headers.get('etag') ?? undefined;
  const lastModified = res.headers.get('last-modified') ?? undefined;
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const strongEtag = etag && !etag.startsWith('W/') ? etag : undefined;
  const ifRange = encoded || res.headers.get('accept-ranges') === 'none' ? undefined : (strongEtag ?? lastModified);
  return {
    url,
    ...(ifRange && { ifRange }),
    ...(etag && { etag }),
    ...(lastModified && { lastModified }),
  };
}

/**
 * Writes the body to `file` chunk by chunk as it arrives, so the bytes received before a drop are on
 * disk for a resume. Synchronous writes keep a read always pending: when a connection ends early,
 * fetch errors the body stream and drops any chunk still queued in it, which a pipeline waiting on an
 * asynchronous write would lose.
 */
async function receive(res: Response, file: string, flags: 'a' | 'w', idle: IdleTimer): Promise<void> {
  const fd = openSync(file, flags);
  try {
    const reader = (res.body as unknown as NodeReadableStream<Uint8Array> | null)?.getReader();
    for (;;) {
      const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
      if (chunk.done) break;
      idle.touch();
      for (let at = 0; at < chunk.value.length; ) at += writeSync(fd, chunk.value, at);
    }
  } finally {
    closeSync(fd);
  }
}

/** Aborts the request when no bytes arrived for `ms`; the abort reason reads as a timeout (retryable). */
class IdleTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.controller.abort(Object.assign(new Error(`no data for ${this.ms / 1000} s`), { code: 'ETIMEDOUT' }));
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** A body that ended early without a network error: retried (and resumed) like a dropped connection. */
class TruncatedBody extends Error {}

function truncated(got: number, expected: number): TruncatedBody {
  return new TruncatedBody(`body ended at ${got} of ${expected} bytes`);
}

/** `Content-Range: bytes START-END/TOTAL`. */
function contentRangeStart(res: Response): number | undefined {
  const m = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(res.headers.get('content-range')?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

function contentRangeTotal(res: Response): number | undefined {
  const m = /^bytes \d+-\d+\/(\d+)$/.exec(res.headers.get('content-range')?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

function numberHeader(res: Response, name: string): number | undefined {
  const value = res.headers.get(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
