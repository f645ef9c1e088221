import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { hardenCompose } from './harden.js';
import { checkComposeText } from './index.js';
import { COMPOSE_RULES } from './rules/index.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/migrate-platform/docker-compose.yml');

describe('hardenCompose', () => {
  it('gives every service of the example the guide block, in one settled result', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const result = hardenCompose(text, 'docker-compose.yml');
    assert.deepEqual(result.errors, []);
    const doc = parse(result.text) as { services: Record<string, Record<string, unknown>> };
    for (const name of ['web', 'db']) {
      const service = doc.services[name] ?? {};
      assert.equal(service.user, '1000');
      assert.equal(service.read_only, true);
      assert.deepEqual(service.cap_drop, ['ALL']);
      assert.deepEqual(service.security_opt, ['no-new-privileges:true']);
    }
    assert.equal(doc.services.web?.privileged, false);
    assert.deepEqual(doc.services.web?.tmpfs, ['/tmp']);
    // The postgres image writes its socket outside its data VOLUME: harden says so and adds a tmpfs.
    assert.deepEqual(doc.services.db?.tmpfs, ['/tmp', '/var/run/postgresql']);
    assert.ok(
      result.changes.some((c) => c.ruleId === 'DC2003' && c.description === 'add tmpfs /tmp, /var/run/postgresql'),
    );
    // What needs a person is left, and listed.
    assert.deepEqual([...new Set(result.remaining.map((f) => f.ruleId))].sort(), ['DC1002', 'DC4001', 'DC5001']);
    const recheck = checkComposeText(result.text, 'docker-compose.yml', COMPOSE_RULES);
    assert.deepEqual(
      recheck.findings.filter((f) => f.fix),
      [],
    );
  });

  it('keeps comments, anchors, quoting and key order; adds to the service, not to the anchor', () => {
    const text = [
      '# production stack',
      'x-defaults: &defaults',
      "  restart: 'unless-stopped'",
      '  cap_drop: [NET_RAW]',
      '',
      'services:',
      '  api:  # the API',
      '    <<: *defaults',
      "    image: 'ghcr.io/org/api:1.2'",
      '    user: "app"',
      '    environment:',
      '      - LOG_LEVEL=info # keep',
      '',
    ].join('\n');
    const result = hardenCompose(text, 'compose.yaml');
    assert.equal(
      result.text,
      [
        '# production stack',
        'x-defaults: &defaults',
        "  restart: 'unless-stopped'",
        '  cap_drop: [NET_RAW]',
        '',
        'services:',
        '  api:  # the API',
        '    <<: *defaults',
        "    image: 'ghcr.io/org/api:1.2'",
        '    user: "app"',
        '    environment:',
        '      - LOG_LEVEL=info # keep',
        '    read_only: true',
        '    cap_drop:',
        '      - NET_RAW',
        '      - ALL',
        '    security_opt:',
        '      - no-new-privileges:true',
        '    tmpfs:',
        '      - /tmp',
        '',
      ].join('\n'),
    );
  });

  it('never rewrites a file that does not parse, and says where', () => {
    const text = 'services:\n  web:\n    image: app:1\n   user: root\n';
    const result = hardenCompose(text, 'compose.yaml');
    assert.equal(result.text, text);
    assert.equal(result.errors.length > 0, true);
    assert.equal(result.errors[0]?.line, 4);
  });

  it('uses --user for the user it adds and for replacing root', () => {
    const result = hardenCompose('services:\n  a:\n    image: x:1\n  b:\n    image: y:1\n    user: root\n', 'c.yml', {
      user: '10001:10001',
    });
    const doc = parse(result.text) as { services: Record<string, { user?: string }> };
    assert.equal(doc.services.a?.user, '10001:10001');
    assert.equal(doc.services.b?.user, '10001:10001');
  });
});
