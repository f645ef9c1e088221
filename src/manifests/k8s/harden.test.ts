import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hardenKubernetes, writablePaths } from './harden.js';
import { checkKubernetesText, KUBERNETES_RULES } from './index.js';

const fixableIds = new Set(KUBERNETES_RULES.filter((r) => r.meta.fixable).map((r) => r.meta.id));

function hardenedClean(text: string, path = 'app.yaml'): string {
  const result = hardenKubernetes(text, path);
  assert.deepEqual(result.errors, []);
  assert.ok(result.stable, 'fixes did not settle');
  const again = checkKubernetesText(result.text, path, KUBERNETES_RULES);
  assert.deepEqual(again.errors, [], `hardened text does not parse:\n${result.text}`);
  assert.deepEqual(
    again.findings.filter((f) => fixableIds.has(f.ruleId)).map((f) => `${f.ruleId} ${f.message}`),
    [],
  );
  return result.text;
}

describe('hardenKubernetes', () => {
  it("adds the guide's securityContext in the guide's order, an emptyDir for /tmp, and keeps comments", () => {
    const text = [
      '# the web tier',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web # public',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: "ghcr.io/acme/web:1.2"  # pinned by CI',
      '',
    ].join('\n');
    const result = hardenKubernetes(text, 'web.yaml');
    assert.equal(
      result.text,
      [
        '# the web tier',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web # public',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        image: "ghcr.io/acme/web:1.2"  # pinned by CI',
        '        securityContext:',
        '          runAsNonRoot: true',
        '          runAsUser: 1000',
        '          readOnlyRootFilesystem: true',
        '          allowPrivilegeEscalation: false',
        '          capabilities:',
        '            drop:',
        '            - ALL',
        '          seccompProfile:',
        '            type: RuntimeDefault',
        '        volumeMounts:',
        '        - name: tmp',
        '          mountPath: /tmp',
        '      volumes:',
        '      - name: tmp',
        '        emptyDir: {}',
        '      automountServiceAccountToken: false',
        '',
      ].join('\n'),
    );
    assert.deepEqual(result.notes, [
      'container "web" of Deployment "web": added emptyDir volume "tmp" at /tmp, because its root file system becomes read-only',
      'container "web" of Deployment "web": added runAsUser: 1000 beside runAsNonRoot: true (the kubelet can only verify a numeric user); use the image\'s own UID if it differs',
    ]);
    assert.deepEqual(
      result.remaining.map((f) => f.ruleId),
      ['DK4001', 'DK4002', 'DK4003', 'DK4004', 'DK5002'],
    );
    hardenedClean(text);
  });

  it('fixes bad values in place, removes dangerous capabilities, keeps existing mounts and the pod-level settings', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 999
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: redis
      image: redis:7.2
      securityContext:
        privileged: true
        capabilities:
          add: [SYS_ADMIN, NET_BIND_SERVICE]
      volumeMounts:
        - name: data
          mountPath: /data
  volumes:
    - name: data
      persistentVolumeClaim: {claimName: data}
`;
    const out = hardenedClean(text);
    assert.match(out, /privileged: false/);
    assert.match(out, /add: \[NET_BIND_SERVICE\]/);
    assert.doesNotMatch(out, /SYS_ADMIN/);
    // /data is mounted already; /tmp is not: one emptyDir.
    assert.match(out, / {8}- name: tmp\n {10}mountPath: \/tmp\n/);
    assert.doesNotMatch(out, /name: data-2|mountPath: \/data\n.*mountPath: \/data/s);
    // The pod sets runAsNonRoot, runAsUser and seccomp for the container: nothing repeated there.
    assert.doesNotMatch(out, /runAsUser: 1000/);
    assert.equal((out.match(/runAsNonRoot/g) ?? []).length, 1);
  });

  it('writes JSON into JSON manifests and leaves a file that does not parse alone', () => {
    const json =
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "containers": [\n      {"name": "a", "image": "a:1"}\n    ]\n  }\n}\n';
    const out = hardenedClean(json, 'pod.json');
    assert.deepEqual(Object.keys(JSON.parse(out).spec), ['containers', 'volumes', 'automountServiceAccountToken']);
    assert.equal(JSON.parse(out).spec.containers[0].securityContext.readOnlyRootFilesystem, true);
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n';
    const result = hardenKubernetes(broken, 'broken.yaml');
    assert.equal(result.text, broken);
    assert.equal(result.errors[0]?.line, 5);
  });

  it('hardens every document and every container group of a multi-document file', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: wait
            image: busybox:1.36
          containers:
          - name: job
            image: python:3.12-slim
          restartPolicy: OnFailure
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
    - name: nginx
      image: nginx:1.27
`;
    const out = hardenedClean(text);
    assert.equal((out.match(/readOnlyRootFilesystem: true/g) ?? []).length, 3);
    assert.match(out, /mountPath: \/var\/cache\/nginx/);
    assert.match(out, /- name: wait-tmp/);
  });
});

describe('writablePaths', () => {
  it('always /tmp, plus what the official images write to', () => {
    assert.deepEqual(writablePaths('python:3.12-slim'), ['/tmp']);
    assert.deepEqual(writablePaths(`docker.io/library/nginx:1.27@sha256:${'a'.repeat(64)}`), [
      '/tmp',
      '/var/cache/nginx',
      '/var/run',
    ]);
    assert.deepEqual(writablePaths('postgres:16'), ['/tmp', '/var/run/postgresql', '/var/lib/postgresql/data']);
    assert.deepEqual(writablePaths(undefined), ['/tmp']);
  });
});
