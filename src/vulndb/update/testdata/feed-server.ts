import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A feed host on 127.0.0.1 for the update tests: serves files with ETag/Last-Modified, answers
 * conditional and Range requests like a static file server (GCS, Apache), records every request, and
 * can be told to misbehave on the next request to a path (drop the connection, answer 503).
 */

export interface ServedFile {
  readonly body: Buffer;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Whether Range requests get 206 (default true); false behaves like a server without range support. */
  readonly ranges?: boolean;
}

export interface SeenRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly at: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, file: ServedFile | undefined) => void;

export class FeedServer {
  readonly requests: SeenRequest[] = [];
  private readonly files = new Map<string, ServedFile>();
  private readonly pending = new Map<string, Handler[]>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FeedServer> {
    const server = createServer();
    const feeds = new FeedServer(server);
    server.on('request', (req, res) => feeds.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return feeds;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  set(path: string, file: ServedFile): void {
    this.files.set(path, file);
  }

  /** The next request to `path` is answered by `handler` instead of the file. */
  once(path: string, handler: Handler): void {
    this.pending.set(path, [...(this.pending.get(path) ?? []), handler]);
  }

  /** Sends the headers of the whole file and `bytes` of its body, then closes the connection. */
  dropAfter(path: string, bytes: number): void {
    this.once(path, (_req, res, file) => {
      if (!file) throw new Error(`nothing served at ${path}`);
      res.writeHead(200, { ...validators(file), 'content-length': file.body.length, 'accept-ranges': 'bytes' });
      // end(), not destroy(): the bytes written reach the client before the FIN, so the cut is exactly at `bytes`.
      res.write(file.body.subarray(0, bytes), () => res.socket?.end());
    });
  }

  /** Answers `status` with the given headers and no body. */
  fail(path: string, status: number, headers: Record<string, string> = {}): void {
    this.once(path, (_req, res) => {
      res.writeHead(status, { ...headers, 'content-length': 0 });
      res.end();
    });
  }

  requestsTo(path: string): SeenRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push({ path, headers: req.headers, at: Date.now() });
    const file = this.files.get(path);
    const scripted = this.pending.get(path)?.shift();
    if (scripted) {
      scripted(req, res, file);
      return;
    }
    if (!file) {
      res.writeHead(404, { 'content-length': 0 });
      res.end();
      return;
    }
    if (notModified(req, file)) {
      res.writeHead(304, validators(file));
      res.end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    const rangeApplies = range && file.ranges !== false && (!ifRange || ifRange === file.etag || ifRange === file.lastModified);
    if (rangeApplies) {
      const start = Number(range[1]);
      if (start >= file.body.length) {
        res.writeHead(416, { 'content-range': `bytes */${file.body.length}`, 'content-length': 0 });
        res.end();
        return;
      }
      res.writeHead(206, {
        ...validators(file),
        'content-range': `bytes ${start}-${file.body.length - 1}/${file.body.length}`,
        'content-length': file.body.length - start,
        'accept-ranges': 'bytes',
      });
      res.end(file.body.subarray(start));
      return;
    }
    res.writeHead(200, {
      ...validators(file),
      'content-length': file.body.length,
      ...(file.ranges !== false && { 'accept-ranges': 'bytes' }),
    });
    res.end(file.body);
  }
}

function validators(file: ServedFile): Record<string, string> {
  return {
    ...(file.etag && { etag: file.etag }),
    ...(file.lastModified && { 'last-modified': file.lastModified }),
  };
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since. */
function notModified(req: IncomingMessage, file: ServedFile): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return file.etag !== undefined && inm.split(/\s*,\s*/).includes(file.etag);
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined && file.lastModified) return Date.parse(file.lastModified) <= Date.parse(ims);
  return false;
}
