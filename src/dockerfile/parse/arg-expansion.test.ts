import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandArgs } from './arg-expansion.js';

describe('expandArgs', () => {
  const args = new Map<string, string | undefined>([
    ['V', '3.11'],
    ['EMPTY', ''],
    ['NODEF', undefined],
  ]);
  it('substitutes $A and ${A}', () => {
    assert.deepEqual(expandArgs('python:$V-${V}', args), { value: 'python:3.11-3.11', unresolved: false });
  });
  it('supports :- - :+ + modifiers', () => {
    assert.equal(expandArgs('${EMPTY:-x}', args).value, 'x');
    assert.equal(expandArgs('${EMPTY-x}', args).value, '');
    assert.equal(expandArgs('${V:+set}', args).value, 'set');
    assert.equal(expandArgs('${MISSING+set}', args).value, '');
    assert.equal(expandArgs('${MISSING:-debian:${V}}', args).value, 'debian:3.11');
  });
  it('marks variables without a value as unresolved', () => {
    assert.equal(expandArgs('img:$NODEF', args).unresolved, true);
    assert.equal(expandArgs('img:${MISSING}', args).unresolved, true);
  });
});
