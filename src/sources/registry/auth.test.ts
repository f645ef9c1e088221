import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWwwAuthenticate } from './auth.js';

describe('parseWwwAuthenticate', () => {
  it('parses a Docker Hub style Bearer challenge', () => {
    const [c, ...rest] = parseWwwAuthenticate(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull"',
    );
    assert.deepEqual(rest, []);
    assert.deepEqual(c, {
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/python:pull',
      },
    });
  });
  it('handles quoted commas, escapes, unquoted values, spaces and case', () => {
    const [c] = parseWwwAuthenticate(
      'BEARER Realm="https://t.example/tok", scope="repository:a/b:pull,push", error=insufficient_scope, x="q\\"uote"',
    );
    assert.equal(c?.scheme, 'bearer');
    assert.equal(c?.params.realm, 'https://t.example/tok');
    assert.equal(c?.params.scope, 'repository:a/b:pull,push');
    assert.equal(c?.params.error, 'insufficient_scope');
    assert.equal(c?.params.x, 'q"uote');
  });
  it('parses Basic and several challenges in one header', () => {
    const all = parseWwwAuthenticate('Basic realm="r", Bearer realm="https://t/x",service="s"');
    assert.deepEqual(
      all.map((c) => [c.scheme, c.params.realm]),
      [
        ['basic', 'r'],
        ['bearer', 'https://t/x'],
      ],
    );
    assert.deepEqual(parseWwwAuthenticate(''), []);
  });
});
