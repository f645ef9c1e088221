import { booleanOf, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, scalarFix, setFix } from '../rule-kit.js';
import { describeWorkload } from '../subjects.js';

/** Most applications never call the Kubernetes API, yet get a token for it mounted by default. */
export const DK3002: KubernetesRule = {
  meta: {
    id: 'DK3002',
    kind: 'kubernetes',
    title: 'Service account token mounted automatically',
    severity: 'low',
    why: 'Every container gets the service account’s API token at /var/run/secrets/kubernetes.io/serviceaccount unless told otherwise; a compromised app can then talk to the API server with its RBAC rights.',
    fix: 'Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount) unless the app calls the Kubernetes API.',
    aliases: ['KSV036', 'AVD-KSV-0036', 'CKV_K8S_38', 'automountServiceAccountToken'],
    fixable: true,
    peerNotes:
      'Trivy KSV036 only fails when a container also mounts a volume at the token path; the token is mounted by default whatever the volumes say, so this rule follows Checkov CKV_K8S_38 and Polaris. A ServiceAccount in the same file with `automountServiceAccountToken: false` counts.',
    example: {
      bad: 'spec:\n  containers:\n  - name: app\n    image: app:1.0',
      good: 'spec:\n  automountServiceAccountToken: false\n  containers:\n  - name: app\n    image: app:1.0',
    },
  },
  check({ subject: w, file, report }) {
    const node = valueAt(w.podSpec, 'automountServiceAccountToken');
    const value = booleanOf(node);
    if (value === false) return;
    if (node && value === true) {
      report({
        message: `${describeWorkload(w)} sets automountServiceAccountToken: true; mount the API token only if the app calls the Kubernetes API`,
        span: spanOf(node),
        fix: scalarFix(file, node, false, 'set automountServiceAccountToken: false'),
      });
      return;
    }
    const account =
      stringOf(valueAt(w.podSpec, 'serviceAccountName')) ?? stringOf(valueAt(w.podSpec, 'serviceAccount')) ?? 'default';
    const sa = w.serviceAccounts.get(account);
    if (sa && booleanOf(valueAt(sa, 'automountServiceAccountToken')) === false) return;
    report({
      message: `${describeWorkload(w)} mounts the service account token (${account}) by default: set automountServiceAccountToken: false`,
      span: w.podSpecKey,
      fix: setFix(file, w.podSpec, ['automountServiceAccountToken'], false, 'set automountServiceAccountToken: false'),
    });
  },
};
