import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { DrydockError } from '../core/errors.js';

export const DEFAULT_LOCK_FILE = 'drydock.lock';
const LOCK_VERSION = 1;
const SHA256 = /^sha256:[a-f0-9]{64}$/;

export interface LockEntry {
  readonly digest: string;
  /** ISO time the tag was resolved to `digest`. */
  readonly resolvedAt: string;
}

/** `drydock.lock`: tag → digest and when it was resolved, so CI can pin offline and `update` can show age. */
export interface LockFile {
  readonly format: 'yaml' | 'json';
  /** Keyed by `tagKey` (`python:3.11-slim`, `127.0.0.1:5000/lib/base:1`), sorted when written. */
  readonly images: ReadonlyMap<string, LockEntry>;
}

/** Reads a lock file (YAML or JSON: JSON is chosen by a `.json` name or a leading `{`); missing → undefined. */
export function readLockFile(path: string): LockFile | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DrydockError('io', `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
      where: path,
    });
  }
  return parseLockFile(text, path);
}

export function parseLockFile(text: string, path: string): LockFile {
  const format = path.endsWith('.json') || text.trimStart().startsWith('{') ? 'json' : 'yaml';
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new DrydockError(
      'parse',
      `not a valid lock file: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      {
        where: path,
      },
    );
  }
  const images = new Map<string, LockEntry>();
  const root = (data ?? {}) as { version?: unknown; images?: unknown };
  if (typeof root !== 'object' || (root.version !== undefined && root.version !== LOCK_VERSION)) {
    throw new DrydockError(
      'parse',
      `unsupported lock file version ${String(root.version)} (expected ${LOCK_VERSION})`,
      {
        where: path,
      },
    );
  }
  const entries = root.images ?? {};
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw new DrydockError('parse', '`images` must be a map of reference → {digest, resolvedAt}', { where: path });
  }
  for (const [key, value] of Object.entries(entries)) {
    const e = value as { digest?: unknown; resolvedAt?: unknown } | null;
    if (!e || typeof e.digest !== 'string' || !SHA256.test(e.digest)) {
      throw new DrydockError('parse', `${key}: digest must be sha256:<64 hex>`, { where: path });
    }
    const resolvedAt = e.resolvedAt instanceof Date ? e.resolvedAt.toISOString() : String(e.resolvedAt ?? '');
    if (Number.isNaN(Date.parse(resolvedAt))) {
      throw new DrydockError('parse', `${key}: resolvedAt must be an ISO time`, { where: path });
    }
    images.set(key, { digest: e.digest, resolvedAt });
  }
  return { format, images };
}

/** The lock file's text: stable order (sorted keys) so diffs show only what moved. */
export function renderLockFile(lock: LockFile): string {
  const images: Record<string, { digest: string; resolvedAt: string }> = {};
  for (const key of [...lock.images.keys()].sort()) {
    const e = lock.images.get(key);
    if (e) images[key] = { digest: e.digest, resolvedAt: e.resolvedAt };
  }
  const data = { version: LOCK_VERSION, images };
  if (lock.format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  return `# Image digests resolved by \`drydock pin --lock\`; \`drydock pin --offline\` pins from them.\n${stringifyYaml(data, { lineWidth: 0 })}`;
}

/** A new lock with `updates` merged over `base`. */
export function mergeLock(
  base: LockFile | undefined,
  updates: ReadonlyMap<string, LockEntry>,
  format?: 'yaml' | 'json',
): LockFile {
  const images = new Map(base?.images ?? []);
  for (const [k, v] of updates) images.set(k, v);
  return { format: format ?? base?.format ?? 'yaml', images };
}

/** "3 days", "5 hours": how long ago `iso` was, for `update`'s age column. */
export function ageOf(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown';
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'}`;
}
