import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { composeChecker } from './index.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/migrate-platform/docker-compose.yml');

/** The README quick start's compose file must show the gaps the guide names. */
describe('examples/migrate-platform/docker-compose.yml', () => {
  it('reports privileged, the docker.sock mount, passwords in environment and the missing guide block', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    assert.ok(composeChecker.claims(EXAMPLE, text));
    const { findings, errors } = composeChecker.check('docker-compose.yml', text);
    assert.deepEqual(errors, []);
    const got = findings.map((f) => `${f.location.line} ${f.ruleId} ${f.message}`).sort();
    assert.deepEqual(got, [
      '10 DC1001 service "web" runs privileged: every capability and host device',
      '12 DC1002 service "web" mounts the container runtime socket (/var/run/docker.sock)',
      '15 DC2001 service "db" sets no user: it runs as the image\'s USER, root unless the image sets one',
      '15 DC2002 service "db" has a writable root filesystem (no read_only: true)',
      '15 DC2004 service "db" keeps Docker\'s default capabilities (no cap_drop: [ALL])',
      '15 DC2006 service "db" does not set no-new-privileges: setuid binaries can still raise privileges',
      '16 DC5001 service "db" pulls postgres:16 by tag 16, not by digest',
      '18 DC4001 service "db" has a hard-coded secret in environment variable POSTGRES_PASSWORD',
      '2 DC2001 service "web" sets no user: it runs as the image\'s USER, root unless the image sets one',
      '2 DC2002 service "web" has a writable root filesystem (no read_only: true)',
      '2 DC2004 service "web" keeps Docker\'s default capabilities (no cap_drop: [ALL])',
      '2 DC2006 service "web" does not set no-new-privileges: setuid binaries can still raise privileges',
      '8 DC4001 service "web" has a URL with a password written in environment variable DATABASE_URL',
      '9 DC4001 service "web" has a hard-coded secret in environment variable DATABASE_PASSWORD',
    ]);
    // `web` is built here (`build: .`), so its `image:` is not a pull and needs no digest.
    assert.ok(!findings.some((f) => f.ruleId === 'DC5001' && f.message.includes('"web"')));
  });
});
