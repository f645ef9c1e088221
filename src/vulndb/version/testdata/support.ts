import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/data beside the checkout, where the real upstream vectors live. */
export const SHARED_DATA = join(import.meta.dirname, '../../../../../shared/data');

export function readShared(relative: string): string {
  return readFileSync(join(SHARED_DATA, relative), 'utf8');
}

export function readSharedJson<T>(relative: string): T {
  return JSON.parse(readShared(relative)) as T;
}

/** mulberry32: a tiny seeded PRNG, so a random sample is the same on every run and every machine. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the seeded generator. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[k] as T;
    out[k] = tmp;
  }
  return out;
}
