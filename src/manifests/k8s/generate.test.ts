import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DrydockError } from '../../core/errors.js';
import { generateKubernetes } from './generate.js';
import { checkKubernetesText, KUBERNETES_RULES } from './index.js';

const DIGEST = `sha256:${'4'.repeat(64)}`;

describe('generateKubernetes', () => {
  it('a digest-pinned image gives a manifest with no finding at all', () => {
    const g = generateKubernetes({ image: `ghcr.io/acme/api:1.4.2@${DIGEST}`, user: 1000, port: 8000 });
    const result = checkKubernetesText(g.text, 'generated.yaml', KUBERNETES_RULES);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${f.message}`),
      [],
    );
    const kinds = parseAllDocuments(g.text).map((d) => (d.toJS() as { kind: string }).kind);
    assert.deepEqual(kinds, ['ServiceAccount', 'Deployment', 'Service']);
    const deployment = parseAllDocuments(g.text)[1]?.toJS() as {
      spec: { template: { spec: { containers: { securityContext: Record<string, unknown>; ports: unknown[] }[] } } };
    };
    const container = deployment.spec.template.spec.containers[0];
    assert.deepEqual(container?.securityContext, {
      runAsNonRoot: true,
      runAsUser: 1000,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('a tag-only image leaves only the digest finding, and says so', () => {
    const g = generateKubernetes({ image: 'nginx:1.27', port: 80, user: 101 });
    const ids = checkKubernetesText(g.text, 'g.yaml', KUBERNETES_RULES).findings.map((f) => f.ruleId);
    assert.deepEqual(ids, ['DK5002']);
    assert.match(g.notes.join('\n'), /pin the image by digest/);
    assert.match(g.notes.join('\n'), /below 1024/);
    assert.match(g.text, /add:\n\s+- NET_BIND_SERVICE/);
    assert.match(g.text, /mountPath: \/var\/cache\/nginx/);
    assert.match(g.text, /kind: Service\n/);
  });

  it('rejects what cannot be a workload', () => {
    assert.throws(() => generateKubernetes({ image: 'UPPER/Case::' }), DrydockError);
    assert.throws(() => generateKubernetes({ image: 'app:1', user: 0 }), /non-zero numeric UID/);
    assert.throws(() => generateKubernetes({ image: 'app:1', port: 70000 }), /1-65535/);
    assert.ok(!generateKubernetes({ image: 'app:1' }).text.includes('kind: Service\n'));
  });
});
