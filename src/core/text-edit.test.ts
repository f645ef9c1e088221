import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixUntilStable, MAX_FIX_PASSES } from './text-edit.js';

describe('applyEdits', () => {
  it('applies non-overlapping groups in text order', () => {
    const r = applyEdits('abcdef', [
      [{ span: { start: 4, end: 5 }, text: 'E' }],
      [{ span: { start: 0, end: 1 }, text: 'A' }],
    ]);
    assert.equal(r.text, 'AbcdEf');
    assert.equal(r.applied, 2);
    assert.equal(r.skipped, 0);
  });
  it('skips a group that overlaps an accepted one, whole', () => {
    const r = applyEdits('abcdef', [
      [{ span: { start: 1, end: 3 }, text: 'X' }],
      [
        { span: { start: 2, end: 4 }, text: 'Y' },
        { span: { start: 5, end: 6 }, text: 'Z' },
      ],
    ]);
    assert.equal(r.text, 'aXdef');
    assert.equal(r.skipped, 1);
  });
  it('treats two insertions at one point as a clash', () => {
    const r = applyEdits('ab', [
      [{ span: { start: 1, end: 1 }, text: 'x' }],
      [{ span: { start: 1, end: 1 }, text: 'y' }],
    ]);
    assert.equal(r.text, 'axb');
    assert.equal(r.skipped, 1);
  });
});

describe('fixUntilStable', () => {
  it('retries skipped fixes in later passes', () => {
    // Each pass proposes two clashing insertions at the first lower-case letter; one lands per pass.
    const fixes = (text: string) => {
      const i = text.search(/[a-z]/);
      if (i === -1) return [];
      const up = [{ span: { start: i, end: i + 1 }, text: text[i]?.toUpperCase() ?? '' }];
      return [up, up];
    };
    const r = fixUntilStable('abc', fixes);
    assert.equal(r.text, 'ABC');
    assert.equal(r.stable, true);
    assert.equal(r.passes, 3);
  });
  it('stops after MAX_FIX_PASSES when fixes never converge', () => {
    const r = fixUntilStable('x', (t) => [[{ span: { start: t.length, end: t.length }, text: 'x' }]]);
    assert.equal(r.passes, MAX_FIX_PASSES);
    assert.equal(r.stable, false);
    assert.equal(r.text.length, 1 + MAX_FIX_PASSES);
  });
});
