import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import { findConfig, parseConfig } from './config.js';
import { lintText, prepareLinter } from './linter.js';

before(prepareLinter);

describe('.drydock.yaml', () => {
  it('parses rules, registries, images, labels and failOn', () => {
    const c = parseConfig(
      'rules:\n  DD3002: off\n  DL3008: on\n  DD1003: {severity: critical}\ntrustedRegistries: [docker.io]\nallowedImages: ["python:*-slim*"]\nrequiredLabels: [org.opencontainers.image.source]\nrequireAptUpgrade: false\nfailOn: high\n',
      'c.yaml',
    );
    assert.deepEqual(c.rules.get('DD3002'), { enabled: false });
    assert.deepEqual(c.rules.get('DL3008'), { enabled: true });
    assert.deepEqual(c.rules.get('DD1003'), { enabled: true, severity: 'critical' });
    assert.deepEqual(c.trustedRegistries, ['docker.io']);
    assert.deepEqual(c.allowedImages, ['python:*-slim*']);
    assert.deepEqual(c.requiredLabels, ['org.opencontainers.image.source']);
    assert.equal(c.requireAptUpgrade, false);
    assert.equal(c.failOn, 'high');
  });
  it('an empty file is the default config', () => {
    assert.equal(parseConfig('', 'c.yaml').rules.size, 0);
  });
  for (const [text, where, message] of [
    ['rules: [a', 'c.yaml:1:', /invalid YAML/],
    ['rulez: {}\n', 'c.yaml:1:1', /unknown key "rulez"/],
    ['rules:\n  DD3002: sometimes\n', 'c.yaml:2:11', /rule DD3002/],
    ['failOn: urgent\n', 'c.yaml:1:9', /failOn/],
    ['trustedRegistries: docker.io\n', 'c.yaml:1:20', /list of strings/],
  ] as const) {
    it(`rejects ${JSON.stringify(text)} with a located one-line error`, () => {
      assert.throws(
        () => parseConfig(text, 'c.yaml'),
        (err: unknown) =>
          err instanceof DrydockError && err.where?.startsWith(where) === true && message.test(err.message),
      );
    });
  }
  it('is found in the nearest parent directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'drydock-config-'));
    mkdirSync(join(root, 'a/b'), { recursive: true });
    writeFileSync(join(root, '.drydock.yaml'), 'rules: {}\n');
    assert.equal(findConfig(join(root, 'a/b')), join(root, '.drydock.yaml'));
  });
  it('turns rules off and overrides severity, by id or alias', () => {
    const text = 'FROM a\nRUN apt-get install -y curl\n';
    const off = parseConfig('rules:\n  DL3015: off\n', 'c.yaml');
    assert.equal(lintText(text, 'D', { config: off }).findings.filter((f) => f.ruleId === 'DD3002').length, 0);
    const sev = parseConfig('rules:\n  DD3002: critical\n', 'c.yaml');
    assert.equal(
      lintText(text, 'D', { config: sev }).findings.find((f) => f.ruleId === 'DD3002')?.severity,
      'critical',
    );
  });
});
