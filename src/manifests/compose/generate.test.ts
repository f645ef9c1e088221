import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DrydockError } from '../../core/errors.js';
import { generateEcs } from '../ecs/generate.js';
import { ecsChecker } from '../ecs/index.js';
import { generateCompose } from './generate.js';
import { composeChecker } from './index.js';

const PINNED = 'ghcr.io/org/app:1.4@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5';

describe('drydock generate compose|ecs', () => {
  for (const [image, port] of [
    [PINNED, 8000],
    ['nginx:1.27@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5', 80],
    [PINNED, undefined],
  ] as const) {
    it(`checks clean under every rule of its kind (${image.split('@')[0]}, port ${port ?? 'none'})`, () => {
      const options = { image, ...(port !== undefined ? { port } : {}) };
      const compose = generateCompose(options);
      assert.deepEqual(composeChecker.check('docker-compose.yml', compose.text), { findings: [], errors: [] });
      const ecs = generateEcs(options);
      assert.deepEqual(ecsChecker.check('task-definition.json', ecs.text), { findings: [], errors: [] });
    });
  }

  it('writes the guide block, the port and the image writable paths', () => {
    const { text, notes } = generateCompose({ image: 'nginx:1.27', port: 80, user: '101:101', name: 'Web Proxy' });
    const doc = parse(text) as { services: Record<string, Record<string, unknown>> };
    assert.deepEqual(Object.keys(doc.services), ['web-proxy']);
    const service = doc.services['web-proxy'] ?? {};
    assert.equal(service.user, '101:101');
    assert.deepEqual(service.tmpfs, ['/tmp', '/var/cache/nginx', '/var/run']);
    assert.deepEqual(service.cap_add, ['NET_BIND_SERVICE']);
    assert.deepEqual(service.ports, ['80:80']);
    // Unpinned: the only finding is the digest, and the notes say so.
    const findings = composeChecker.check('c.yml', text).findings.map((f) => f.ruleId);
    assert.deepEqual(findings, ['DC5001']);
    assert.match(notes.join('\n'), /pin the image by digest/);
  });

  it('ECS: a Fargate task with a task volume per writable path and no secrets in environment', () => {
    const { text } = generateEcs({ image: PINNED, port: 8000 });
    const task = JSON.parse(text) as { containerDefinitions: Record<string, unknown>[]; volumes: unknown[] };
    const container = task.containerDefinitions[0] ?? {};
    assert.equal(container.user, '1000');
    assert.equal(container.readonlyRootFilesystem, true);
    assert.deepEqual(container.linuxParameters, { capabilities: { drop: ['ALL'] }, initProcessEnabled: true });
    assert.deepEqual(task.volumes, [{ name: 'app-tmp' }]);
  });

  it('refuses root, bad references and ports out of range with a usage error', () => {
    assert.throws(
      () => generateCompose({ image: PINNED, user: '0' }),
      (e: unknown) => e instanceof DrydockError && e.code === 'usage',
    );
    assert.throws(() => generateEcs({ image: PINNED, user: 'root:root' }), /is root/);
    assert.throws(() => generateCompose({ image: 'Not A Ref' }), /--image/);
    assert.throws(() => generateEcs({ image: PINNED, port: 70000 }), /--port must be 1-65535/);
  });
});
