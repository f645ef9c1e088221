import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lintText, prepareLinter } from './linter.js';

before(prepareLinter);

/** Bad input never crashes: each case gives findings or one located error. */
describe('lintText on bad input', () => {
  it('an empty file is an error at 1:1', () => {
    const r = lintText('', 'Dockerfile');
    assert.equal(r.error?.message, 'no instructions: the Dockerfile is empty');
    assert.equal(r.error?.line, 1);
    assert.equal(
      lintText('# only a comment\n\n', 'Dockerfile').error?.message,
      'no instructions: the Dockerfile is empty',
    );
  });
  it('a binary file is an error', () => {
    const r = lintText('\u0000\u0001ELF\u0002', 'Dockerfile');
    assert.match(r.error?.message ?? '', /binary/);
  });
  it('a BOM is ignored and positions stay right', () => {
    const r = lintText('\uFEFFFROM a\nRUN apt-get install -y x\n', 'Dockerfile', { only: ['DD3002'] });
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.findings.map((f) => [f.location.line, f.location.column]),
      [[2, 5]],
    );
  });
  it('CRLF line endings give the same findings as LF', () => {
    const lf = 'FROM a\nRUN apt-get update && \\\n  apt-get install -y x\n';
    const a = lintText(lf, 'D').findings.map((f) => `${f.ruleId}@${f.location.line}:${f.location.column}`);
    const b = lintText(lf.replace(/\n/g, '\r\n'), 'D').findings.map(
      (f) => `${f.ruleId}@${f.location.line}:${f.location.column}`,
    );
    assert.deepEqual(b, a);
    assert.ok(a.length > 0);
  });
  it('an unterminated quote or heredoc does not throw', () => {
    assert.doesNotThrow(() => lintText('FROM a\nRUN echo "open\nRUN apt-get install -y x\n', 'D'));
    assert.doesNotThrow(() => lintText('FROM a\nRUN <<EOF\napt-get install -y x\n', 'D'));
    assert.doesNotThrow(() => lintText('FROM a\nRUN \\\n', 'D'));
    assert.doesNotThrow(() => lintText('FROM\nCOPY\nUSER\nEXPOSE\nWORKDIR\nENV\nARG\nLABEL\nHEALTHCHECK\nCMD\n', 'D'));
  });
  it('a 50,000-line Dockerfile is linted', () => {
    const lines = ['FROM debian:12'];
    for (let i = 0; i < 49_999; i++) lines.push(i % 2 ? `ENV V${i}=${i}` : `RUN echo ${i} && apt-get install -y p${i}`);
    const r = lintText(lines.join('\n'), 'D', { only: ['DD3002'] });
    assert.equal(r.error, undefined);
    assert.equal(r.findings.length, 25_000);
  });
});
