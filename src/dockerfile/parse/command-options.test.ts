import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { APT_GET } from '../shell-commands.js';
import { parseOptions } from './command-options.js';
import { initShellParser, parseShell } from './shell.js';

before(initShellParser);

const cmd = (text: string) => {
  const c = parseShell(text).commands[0];
  assert.ok(c);
  return c;
};

describe('parseOptions', () => {
  it('reads clustered short flags', () => {
    const o = parseOptions(cmd('apt-get -qqy install curl'), APT_GET);
    assert.ok(o.flags.has('y'));
    assert.deepEqual(
      o.positionals.map((p) => p.value),
      ['install', 'curl'],
    );
  });
  it('does not read letters inside a valued option as flags', () => {
    const o = parseOptions(cmd('apt-get -oAPT::Get::Assume-Yes=true install curl'), APT_GET);
    assert.equal(o.flags.has('y'), false);
    assert.equal(o.values.get('o'), 'APT::Get::Assume-Yes=true');
  });
  it('takes the next word as the value of a valued option', () => {
    const o = parseOptions(cmd('apt-get -o Debug::x=yes -t bookworm-backports install curl'), APT_GET);
    assert.equal(o.values.get('t'), 'bookworm-backports');
    assert.deepEqual(
      o.positionals.map((p) => p.value),
      ['install', 'curl'],
    );
  });
  it('stops at --', () => {
    const o = parseOptions(cmd('rm -rf -- -y'), {});
    assert.deepEqual(
      o.positionals.map((p) => p.value),
      ['-y'],
    );
  });
});
