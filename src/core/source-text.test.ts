import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceText } from './source-text.js';

describe('SourceText', () => {
  it('maps offsets and positions with LF, CRLF and CR line breaks', () => {
    const s = new SourceText('f', 'ab\r\ncd\nef\rgh');
    assert.equal(s.lineCount, 4);
    assert.deepEqual(s.positionAt(4), { line: 2, column: 1 });
    assert.deepEqual(s.positionAt(7), { line: 3, column: 1 });
    assert.deepEqual(s.positionAt(10), { line: 4, column: 1 });
    assert.equal(s.lineText(1), 'ab');
    assert.equal(s.lineText(2), 'cd');
    assert.equal(s.offsetAt(1, 1), 5);
  });
  it('clamps out-of-range offsets', () => {
    const s = new SourceText('f', 'abc');
    assert.deepEqual(s.positionAt(99), { line: 1, column: 4 });
    assert.deepEqual(s.positionAt(-1), { line: 1, column: 1 });
  });
});
