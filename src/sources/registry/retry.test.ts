import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, DEFAULT_RETRY, isRetryableNetworkError, parseRetryAfter } from './retry.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
  });
  it('reads HTTP dates, past ones as 0', () => {
    assert.equal(parseRetryAfter('Sun, 29 Nov 2026 10:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Sun, 29 Nov 2026 09:00:00 GMT', now), 0);
  });
  it('ignores garbage, negatives and absence', () => {
    for (const v of [null, undefined, '', '-1', '1.5', 'soon'])
      assert.equal(parseRetryAfter(v, now), undefined, String(v));
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under a cap, with jitter, never zero', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(
      backoffDelay(0, p, () => 0.999),
      99,
    );
    assert.equal(
      backoffDelay(3, p, () => 0.999),
      799,
    );
    assert.equal(
      backoffDelay(10, p, () => 0.999),
      999,
    );
    assert.equal(
      backoffDelay(5, p, () => 0),
      25,
    );
  });
});

describe('isRetryableNetworkError', () => {
  it('retries resets and timeouts seen through fetch wrappers, not refusals or DNS failures', () => {
    const wrap = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    assert.equal(isRetryableNetworkError(wrap('ECONNRESET')), true);
    assert.equal(isRetryableNetworkError(wrap('UND_ERR_SOCKET')), true);
    assert.equal(isRetryableNetworkError(Object.assign(new Error('t'), { name: 'TimeoutError' })), true);
    assert.equal(isRetryableNetworkError(new TypeError('terminated')), true);
    assert.equal(isRetryableNetworkError(wrap('ECONNREFUSED')), false);
    assert.equal(isRetryableNetworkError(wrap('ENOTFOUND')), false);
    assert.equal(isRetryableNetworkError(new Error('digest mismatch')), false);
  });
});
