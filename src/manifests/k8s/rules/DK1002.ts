import type { KubernetesRule } from '../rule-kit.js';
import { hostNamespaceCheck } from './host-namespace.js';

/** The node's network stack is the pod's: it can sniff and bind every interface of the node. */
export const DK1002: KubernetesRule = {
  meta: {
    id: 'DK1002',
    kind: 'kubernetes',
    title: 'Pod shares the host network namespace',
    severity: 'high',
    why: 'With hostNetwork the pod sees every interface of the node, can reach services bound to localhost there and bypasses NetworkPolicies.',
    fix: 'Remove `hostNetwork: true` (expose the port through a Service instead).',
    aliases: ['KSV009', 'AVD-KSV-0009', 'CKV_K8S_19', 'hostNetworkSet', 'PSS:Host Namespaces'],
    pss: { level: 'baseline', control: 'Host Namespaces' },
    example: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n  - name: web\n    image: nginx:1.27',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27',
    },
  },
  check: hostNamespaceCheck('hostNetwork', 'network stack'),
};
