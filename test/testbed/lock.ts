import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A lock directory whose owner has gone (or never wrote its owner file) is taken over after this. */
const ORPHAN_MS = 60_000;

/**
 * Runs `fn` while holding a mkdir-based lock (atomic on every local filesystem): other processes
 * wait and poll. A lock left by a dead process on this host is broken, so a killed test run does
 * not block the next one.
 */
export async function withDirLock<T>(lockDir: string, fn: () => Promise<T>, waitMs = 20 * 60_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await isStale(lockDir)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`testbed: gave up waiting for the lock ${lockDir}`);
    await sleep(250);
  }
  await writeFile(join(lockDir, 'owner'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function isStale(lockDir: string): Promise<boolean> {
  let owner: { pid?: number; host?: string } | undefined;
  try {
    owner = JSON.parse(await readFile(join(lockDir, 'owner'), 'utf8')) as { pid?: number; host?: string };
  } catch {
    owner = undefined;
  }
  if (owner?.pid !== undefined && owner.host === hostname()) {
    try {
      process.kill(owner.pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  // No readable owner (being written, or the creator died in between), or another host: age decides.
  try {
    return Date.now() - (await stat(lockDir)).mtimeMs > ORPHAN_MS && owner === undefined;
  } catch {
    return false;
  }
}
