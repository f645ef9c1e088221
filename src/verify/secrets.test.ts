import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entropy, findSecrets, isSecretCandidate, MAX_CANDIDATE_BYTES, secretInVariable } from './secrets.js';

const hits = (path: string, text: string) => findSecrets(path, Buffer.from(text)).map((h) => `${h.line} ${h.kind}`);
const candidate = (path: string, size = 100) => isSecretCandidate({ path, type: 'file', size });

describe('secrets', () => {
  it('reads application and configuration places, not the system, dependencies or fixtures', () => {
    for (const p of [
      'app/.env',
      'srv/app/settings.py',
      'root/.aws/credentials',
      'home/u/.npmrc',
      'etc/app.conf',
      'usr/local/bin/start',
      'opt/x/id_rsa',
    ]) {
      assert.equal(candidate(p), true, p);
    }
    for (const p of [
      'usr/lib/python3/dist-packages/x.py',
      'usr/share/doc/x/copyright',
      'usr/local/lib/python3.11/site-packages/y/conf.json',
      'app/node_modules/z/.npmrc',
      'app/tests/keys/id_rsa',
      'var/lib/dpkg/status',
      'etc/ssl/certs/ca-certificates.crt',
      'app/static/logo.png',
    ]) {
      assert.equal(candidate(p), false, p);
    }
    assert.equal(candidate('app/.env', MAX_CANDIDATE_BYTES + 1), false);
    assert.equal(candidate('app/.env', 0), false);
    assert.equal(candidate('app/keystore.jks'), true, 'key stores are read (and reported) by name');
  });

  it('classifies credential lines by file kind and never returns values', () => {
    assert.deepEqual(hits('app/.env', 'DB_HOST=db\nDB_PASSWORD=changeme\nSECRET_KEY=\nAPI_TOKEN=${TOKEN}\n'), [
      '2 a value for DB_PASSWORD',
    ]);
    assert.deepEqual(hits('etc/nsswitch.conf', 'passwd:         files systemd\nshadow: files\n'), []);
    assert.deepEqual(hits('app/config.yaml', 'database:\n  password: "Xk29!vq_Lm3p"\n  user: app\n'), [
      '2 a value for password',
    ]);
    assert.deepEqual(hits('app/config.yaml', 'password: secret\n'), []);
    assert.deepEqual(
      hits(
        'app/settings.py',
        'PASSWORD = os.environ["PASSWORD"]\nTOKEN = "dev"\nSECRET_KEY = "django-insecure-8f$2kd9!xq0z@7wm1#c4v"\n',
      ),
      ['3 a high-entropy value for SECRET_KEY'],
    );
    assert.deepEqual(hits('root/.netrc', 'machine example.com login me password hunter22\n'), ['1 a netrc password']);
    assert.deepEqual(hits('root/.docker/config.json', '{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNzd29yZA=="}}}\n'), [
      '1 a Docker registry credential',
    ]);
    assert.deepEqual(hits('app/.npmrc', '//npm.pkg.github.com/:_authToken=abcdef123456\n'), [
      '1 an npm registry token',
    ]);
    assert.deepEqual(
      hits('app/sa.json', '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE..."}\n'),
      ['1 a private key'],
    );
    assert.deepEqual(hits('app/db.url', 'postgres://app:s3cr3t@db:5432/app\n'), ['1 a URL with a password']);
    assert.deepEqual(hits('app/.env.example', 'DB_PASSWORD=changeme\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n'), [
      '2 an AWS access key id',
    ]);
    assert.deepEqual(findSecrets('app/keystore.jks', Buffer.from([0xfe, 0xed, 0, 0, 1])), [
      { kind: 'a key store', line: 1 },
    ]);
    assert.deepEqual(findSecrets('app/data.bin', Buffer.from([0, 1, 2])), []);
  });

  it('judges config variables like drydock lint judges ENV', () => {
    assert.equal(secretInVariable('DATABASE_PASSWORD', 'changeme'), 'a secret-named value');
    assert.equal(secretInVariable('DATABASE_PASSWORD_FILE', '/run/secrets/db'), undefined);
    assert.equal(secretInVariable('API_TOKEN', ''), undefined);
    assert.equal(secretInVariable('GPG_KEY', 'A035C8C19219BA821ECEA86B64E628F8D684696D'), undefined);
    assert.equal(secretInVariable('ANYTHING', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'), 'a GitHub token');
  });

  it('measures entropy in bits per character', () => {
    assert.equal(entropy('aaaa'), 0);
    assert.equal(entropy('abcd'), 2);
    assert.ok(entropy('f3a9c2e71b8d4a60e5f1c9b2a7d3e8f0') > 3.5);
  });
});
