import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { joinHostPath as join } from '../../core/host-path.js';
import { helperServerUrl, lookupCredentials, normalizeRegistryKey } from './credentials.js';
import { redact } from './redact.js';

/** A temp DOCKER_CONFIG with `config` and a `docker-credential-test` helper on PATH that logs its stdin. */
function setup(config: object, helperBody?: string): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-creds-'));
  const cfg = join(dir, 'docker');
  mkdirSync(cfg);
  writeFileSync(join(cfg, 'config.json'), JSON.stringify(config));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  if (helperBody !== undefined) {
    const helper = join(bin, 'docker-credential-test');
    writeFileSync(helper, `#!/bin/sh\n${helperBody}\n`);
    chmodSync(helper, 0o755);
  }
  return {
    dir,
    env: { DOCKER_CONFIG: cfg, HOME: dir, PATH: `${bin}:${process.env.PATH ?? ''}` },
  };
}

// The helper protocol: `get` with the server URL on stdin, JSON on stdout.
const HELPER_OK = `[ "$1" = get ] || exit 3
read url
printf '%s' "$url" > "$(dirname "$0")/../asked"
case "$url" in
  https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"hubuser","Secret":"hub-s3cret"}' "$url" ;;
  reg.example:5000) printf '{"ServerURL":"%s","Username":"<token>","Secret":"refresh-tok-123"}' "$url" ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac`;

describe('lookupCredentials', () => {
  it('prefers DRYDOCK_REGISTRY_USER/PASSWORD', async () => {
    const { env } = setup({ auths: { 'reg.example': { auth: Buffer.from('a:b').toString('base64') } } });
    const got = await lookupCredentials('reg.example', {
      env: { ...env, DRYDOCK_REGISTRY_USER: 'envuser', DRYDOCK_REGISTRY_PASSWORD: 'env-pass-1' },
    });
    assert.equal(got.credentials?.username, 'envuser');
    assert.equal(got.credentials?.password, 'env-pass-1');
    assert.equal(got.credentials?.source, 'DRYDOCK_REGISTRY_USER/PASSWORD');
  });
  it('reads base64 auth and username/password entries, Docker Hub under its v1 URL', async () => {
    const { env } = setup({
      auths: {
        'https://index.docker.io/v1/': { auth: Buffer.from('hub:pa:ss-with-colon').toString('base64') },
        'http://reg.example:5000/v2/': { username: 'u2', password: 'p2-secret' },
      },
    });
    const hub = await lookupCredentials('docker.io', { env });
    assert.equal(hub.credentials?.username, 'hub');
    assert.equal(hub.credentials?.password, 'pa:ss-with-colon');
    const other = await lookupCredentials('reg.example:5000', { env });
    assert.equal(other.credentials?.username, 'u2');
    assert.equal(other.credentials?.password, 'p2-secret');
    assert.deepEqual(await lookupCredentials('elsewhere.example', { env }), { problems: [] });
    // everything read is now redacted from messages
    assert.ok(!redact('x pa:ss-with-colon p2-secret').includes('secret'));
  });
  it('runs credHelpers[host] with the server URL on stdin', async () => {
    const { env, dir } = setup({ credHelpers: { 'docker.io': 'test', 'reg.example:5000': 'test' } }, HELPER_OK);
    {
      const hub = await lookupCredentials('docker.io', { env });
      assert.equal(hub.credentials?.username, 'hubuser');
      assert.equal(hub.credentials?.password, 'hub-s3cret');
      assert.equal(hub.credentials?.source, 'docker-credential-test');
      const { readFileSync } = await import('node:fs');
      assert.equal(readFileSync(join(dir, 'asked'), 'utf8'), helperServerUrl('docker.io'));
      const tok = await lookupCredentials('reg.example:5000', { env });
      assert.equal(tok.credentials?.identityToken, 'refresh-tok-123');
      assert.equal(tok.credentials?.username, undefined);
      assert.ok(!redact('hub-s3cret refresh-tok-123').includes('s3cret'));
      assert.ok(!redact('refresh-tok-123').includes('refresh-tok'));
    }
  });
  it('falls back to credsStore, and reports a missing or empty helper only as a problem', async () => {
    const a = setup({ credsStore: 'test' }, HELPER_OK);
    {
      assert.equal((await lookupCredentials('docker.io', { env: a.env })).credentials?.username, 'hubuser');
      const none = await lookupCredentials('nothing.example', { env: a.env });
      assert.equal(none.credentials, undefined);
      assert.match(none.problems.join(), /has no credentials for nothing\.example/);
      const b = setup({ credsStore: 'absent-helper', auths: { 'reg.example': {} } });
      const missing = await lookupCredentials('reg.example', { env: b.env });
      assert.equal(missing.credentials, undefined);
      assert.deepEqual(missing.problems, ['credential helper docker-credential-absent-helper is not on PATH']);
    }
  });
  it('times out a hanging helper and never echoes what a failing one printed as a secret', async () => {
    const { env } = setup({ credHelpers: { 'h.example': 'test' } }, 'sleep 5');
    {
      const t0 = Date.now();
      const got = await lookupCredentials('h.example', { env, helperTimeoutMs: 300 });
      assert.ok(Date.now() - t0 < 3000);
      assert.match(got.problems.join(), /timed out/);
    }
  });
  it('normalises config keys', () => {
    assert.equal(normalizeRegistryKey('https://index.docker.io/v1/'), 'docker.io');
    assert.equal(normalizeRegistryKey('registry-1.docker.io'), 'docker.io');
    assert.equal(normalizeRegistryKey('https://Reg.Example:5000/v2/'), 'reg.example:5000');
  });
});
