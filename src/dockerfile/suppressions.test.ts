import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lintText, prepareLinter } from './linter.js';

before(prepareLinter);

const ids = (text: string) =>
  lintText(text, 'Dockerfile', { only: ['DD3002'] }).findings.map((f) => `${f.ruleId}@${f.location.line}`);
const install = 'RUN apt-get install -y curl';

describe('suppressions', () => {
  it('drydock-ignore on the line above silences that instruction only', () => {
    assert.deepEqual(ids(`FROM a\n# drydock-ignore=DD3002 we need recommends here\n${install}\n${install}\n`), [
      'DD3002@4',
    ]);
  });
  it('covers every line of a continued instruction', () => {
    assert.deepEqual(ids(`FROM a\n# drydock-ignore=DD3002\nRUN true && \\\n  apt-get install -y curl\n`), []);
  });
  it('accepts a peer alias and a list of ids', () => {
    assert.deepEqual(ids(`FROM a\n# drydock-ignore=DD1003, DL3015\n${install}\n`), []);
  });
  it('honours hadolint ignore pragmas through aliases', () => {
    assert.deepEqual(ids(`FROM a\n# hadolint ignore=DL3015\n${install}\n${install}\n`), ['DD3002@4']);
    assert.deepEqual(ids(`FROM a\n# hadolint ignore=DL3008\n${install}\n`), ['DD3002@3']);
  });
  it('drydock-ignore-file and hadolint global ignore are file-wide', () => {
    assert.deepEqual(ids(`FROM a\n${install}\n# drydock-ignore-file=DD3002\n${install}\n`), []);
    assert.deepEqual(ids(`# hadolint global ignore=DL3015\nFROM a\n${install}\n`), []);
  });
  it('stage forms cover the stage below the FROM they precede, and only it', () => {
    const text = `# drydock-ignore-stage=DD3002\nFROM a AS one\n${install}\n${install}\n# hadolint stage ignore=DL3015\nFROM b\n${install}\nFROM c\n${install}\n`;
    assert.deepEqual(ids(text), ['DD3002@9']);
    assert.deepEqual(ids(`FROM a\n# drydock-ignore-stage=DD3002\n${install}\n`), ['DD3002@3']);
  });
  it('ignores unrelated comments', () => {
    assert.deepEqual(ids(`FROM a\n# drydock is great, ignore=nothing\n${install}\n`), ['DD3002@3']);
  });
});
