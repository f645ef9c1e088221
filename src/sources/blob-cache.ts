import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DrydockError } from '../core/errors.js';
import { joinHostPath as join } from '../core/host-path.js';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** `$XDG_CACHE_HOME/drydock` (or `~/.cache/drydock`); `DRYDOCK_CACHE_DIR` overrides. */
export function cacheRoot(): string {
  if (process.env.DRYDOCK_CACHE_DIR) return process.env.DRYDOCK_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'drydock');
}

export interface CacheInfo {
  readonly dir: string;
  readonly blobs: number;
  readonly bytes: number;
}

/**
 * Content-addressed blobs (`blobs/sha256/<hex>`), shared by every command and source. A blob is
 * written to a temp file while its sha256 is computed and renamed into place only when the digest
 * (and size, when known) match: a failed or interrupted download never leaves a cache entry.
 */
export class BlobCache {
  readonly dir: string;

  constructor(root: string = cacheRoot()) {
    this.dir = join(root, 'blobs', 'sha256');
  }

  path(digest: string): string {
    assertDigest(digest);
    return join(this.dir, digest.slice('sha256:'.length));
  }

  has(digest: string): boolean {
    return DIGEST.test(digest) && existsSync(this.path(digest));
  }

  open(digest: string): Readable {
    return createReadStream(this.path(digest));
  }

  /** Streams `source` into the cache, verifying digest and size; throws DrydockError on mismatch. */
  async write(digest: string, source: Readable, options: { size?: number; what?: string } = {}): Promise<string> {
    assertDigest(digest);
    mkdirSync(this.dir, { recursive: true });
    const target = this.path(digest);
    const tmp = `${target}.${process.pid}.${Date.now()}.partial`;
    const hash = createHash('sha256');
    let bytes = 0;
    source.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    try {
      // Open synchronously: a stream that opens lazily can create the file after a failed pipeline
      // was cleaned up, leaving a stray partial behind.
      await pipeline(source, createWriteStream('', { fd: openSync(tmp, 'wx') }));
      const actual = `sha256:${hash.digest('hex')}`;
      if (actual !== digest) {
        throw new DrydockError('input', `digest mismatch: expected ${digest}, got ${actual}`, {
          where: options.what ?? digest,
        });
      }
      if (options.size !== undefined && bytes !== options.size) {
        throw new DrydockError('input', `size mismatch: expected ${options.size} bytes, got ${bytes}`, {
          where: options.what ?? digest,
        });
      }
      renameSync(tmp, target);
      return target;
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  info(): CacheInfo {
    let blobs = 0;
    let bytes = 0;
    for (const name of safeList(this.dir)) {
      if (name.endsWith('.partial')) continue;
      blobs++;
      bytes += statSync(join(this.dir, name)).size;
    }
    return { dir: this.dir, blobs, bytes };
  }

  /** Deletes least recently used blobs until the cache is at most `maxBytes`; leftovers of crashed writes always go. */
  prune(maxBytes: number): { removed: number; freed: number } {
    let removed = 0;
    let freed = 0;
    const entries = safeList(this.dir).map((name) => {
      const full = join(this.dir, name);
      const st = statSync(full);
      return { full, name, size: st.size, used: st.atimeMs };
    });
    let total = 0;
    for (const e of entries) {
      if (e.name.endsWith('.partial')) {
        rmSync(e.full, { force: true });
        removed++;
        freed += e.size;
      } else total += e.size;
    }
    for (const e of entries.filter((x) => !x.name.endsWith('.partial')).sort((a, b) => a.used - b.used)) {
      if (total <= maxBytes) break;
      rmSync(e.full, { force: true });
      total -= e.size;
      removed++;
      freed += e.size;
    }
    return { removed, freed };
  }
}

function assertDigest(digest: string): void {
  if (!DIGEST.test(digest)) throw new DrydockError('input', `not a sha256 digest: ${digest}`);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
