import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * An HTTP proxy on 127.0.0.1 in front of a registry (or any HTTP server) that injects failures:
 * per rule, matched by method and a regex over the request path (with query), optionally only the
 * first N times. Unmatched requests are forwarded as they are (Host and Authorization included, so
 * the registry builds upload URLs that point back at the proxy) and the answer is streamed back.
 */

export type Fault =
  /** Answer with this status instead of forwarding (429, 500, 503, 401, 404, …). */
  | {
      readonly kind: 'status';
      readonly status: number;
      /** Retry-After header value (seconds or an HTTP date), e.g. for 429/503. */
      readonly retryAfter?: number | string;
      readonly headers?: Readonly<Record<string, string>>;
      /** Default: a registry-style `{"errors":[…]}` body. */
      readonly body?: string;
    }
  /** Close the client connection abruptly (TCP RST) without answering. */
  | { readonly kind: 'reset' }
  /** Forward, then flip bytes of the answer body (length unchanged) at these offsets (default: the middle byte). */
  | { readonly kind: 'corrupt'; readonly offsets?: readonly number[] }
  /** Forward, send only the first `bytes` of the body (default: half), then cut the connection. */
  | { readonly kind: 'truncate'; readonly bytes?: number }
  /** Forward after waiting `ms` (for timeout tests). */
  | { readonly kind: 'delay'; readonly ms: number };

export interface FaultRule {
  /** HTTP method to match (any if omitted), e.g. 'GET', 'HEAD', 'PUT'. */
  readonly method?: string;
  /** Matched against the request target (path and query), e.g. /\/blobs\/sha256:/. */
  readonly path: RegExp;
  /** Only the first N matching requests get the fault; later ones are forwarded. Default: all. */
  readonly times?: number;
  readonly fault: Fault;
}

export interface ProxyLogEntry {
  readonly method: string;
  readonly path: string;
  /** Status sent to the client (the upstream's when forwarded; undefined for reset). */
  readonly status?: number;
  /** Index of the rule that fired, if any. */
  readonly rule?: number;
  readonly fault?: Fault['kind'];
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `127.0.0.1:PORT`, for image references through the proxy. */
  readonly host: string;
  /** Every request seen, in arrival order. */
  readonly log: readonly ProxyLogEntry[];
  /** How many times rule `i` fired. */
  hits(i: number): number;
  stop(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string, rules: readonly FaultRule[]): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const fired = rules.map(() => 0);
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();

  const pickRule = (req: IncomingMessage): number | undefined => {
    const path = req.url ?? '/';
    for (const [i, r] of rules.entries()) {
      if (r.method && r.method.toUpperCase() !== req.method) continue;
      if (!r.path.test(path)) continue;
      if (r.times !== undefined && (fired[i] ?? 0) >= r.times) continue;
      fired[i] = (fired[i] ?? 0) + 1;
      return i;
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const ruleIndex = pickRule(req);
    const fault = ruleIndex === undefined ? undefined : rules[ruleIndex]?.fault;
    const entry = (status?: number): ProxyLogEntry => ({
      method,
      path,
      ...(status !== undefined ? { status } : {}),
      ...(ruleIndex !== undefined && fault ? { rule: ruleIndex, fault: fault.kind } : {}),
    });

    if (fault?.kind === 'reset') {
      log.push(entry());
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'status') {
      req.resume();
      const headers: Record<string, string> = { 'content-type': 'application/json', ...fault.headers };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      const body =
        fault.body ??
        JSON.stringify({ errors: [{ code: codeFor(fault.status), message: `fault-proxy: injected ${fault.status}` }] });
      log.push(entry(fault.status));
      res.writeHead(fault.status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));

    const upstream = request({
      host: target.hostname,
      port: target.port,
      method,
      path,
      headers: req.headers,
    });
    const answer = new Promise<IncomingMessage>((resolve, reject) => {
      upstream.on('response', resolve);
      upstream.on('error', reject);
    });
    await pipeline(req, upstream).catch(() => undefined);
    let up: IncomingMessage;
    try {
      up = await answer;
    } catch {
      log.push(entry(502));
      if (!res.headersSent) res.writeHead(502).end();
      return;
    }
    const status = up.statusCode ?? 502;
    log.push(entry(status));
    res.writeHead(status, up.statusMessage, up.rawHeaders);
    if (fault?.kind === 'truncate') {
      const declared = Number(up.headers['content-length'] ?? Number.NaN);
      const limit = fault.bytes ?? (Number.isFinite(declared) ? Math.floor(declared / 2) : 1);
      await sendPrefix(up, res, limit);
      // No end(): neither the declared length nor a chunked terminator is sent; the client sees the
      // connection close mid-body.
      req.socket.destroy();
      up.destroy();
      return;
    }
    if (fault?.kind === 'corrupt') {
      const declared = Number(up.headers['content-length'] ?? Number.NaN);
      const offsets = fault.offsets ?? [Number.isFinite(declared) ? Math.floor(declared / 2) : 0];
      await pipeline(up, flipBytes(offsets), res).catch(() => undefined);
      return;
    }
    await pipeline(up, res).catch(() => undefined);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      if (a && typeof a === 'object') resolve(a.port);
      else reject(new Error('fault proxy has no port'));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    log,
    hits: (i) => fired[i] ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function codeFor(status: number): string {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'DENIED';
    case 404:
      return 'MANIFEST_UNKNOWN';
    case 429:
      return 'TOOMANYREQUESTS';
    default:
      return 'UNAVAILABLE';
  }
}

/** Writes the first `limit` body bytes and resolves once they are handed to the socket. */
async function sendPrefix(up: IncomingMessage, res: ServerResponse, limit: number): Promise<void> {
  let sent = 0;
  const write = (b: Buffer) => new Promise<void>((resolve) => res.write(b, () => resolve()));
  if (limit <= 0) {
    res.flushHeaders();
    await write(Buffer.alloc(0));
    return;
  }
  for await (const chunk of up) {
    const b = chunk as Buffer;
    const part = b.length > limit - sent ? b.subarray(0, limit - sent) : b;
    sent += part.length;
    await write(part);
    if (sent >= limit) return;
  }
}

function flipBytes(offsets: readonly number[]): Transform {
  let pos = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      const copy = Buffer.from(chunk);
      for (const o of offsets) {
        const i = o - pos;
        if (i >= 0 && i < copy.length) copy[i] = (copy[i] ?? 0) ^ 0xff;
      }
      pos += chunk.length;
      cb(null, copy);
    },
  });
}
