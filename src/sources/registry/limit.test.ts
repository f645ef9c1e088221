import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Semaphore } from './limit.js';

describe('Semaphore', () => {
  it('never runs more than n tasks at once, even when new tasks arrive as others finish', async () => {
    const s = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const task = async (ms: number) => {
      active++;
      peak = Math.max(peak, active);
      await delay(ms);
      active--;
    };
    const all: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) all.push(s.run(() => task(i % 3)));
    // late arrivals while the first batch drains
    await delay(1);
    for (let i = 0; i < 5; i++) all.push(s.run(() => task(1)));
    await Promise.all(all);
    assert.equal(peak, 2);
    assert.equal(active, 0);
  });
  it('releases the slot when a task fails', async () => {
    const s = new Semaphore(1);
    await assert.rejects(
      s.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await s.run(() => Promise.resolve(7)), 7);
  });
});
