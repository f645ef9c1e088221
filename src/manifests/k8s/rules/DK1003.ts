import type { KubernetesRule } from '../rule-kit.js';
import { hostNamespaceCheck } from './host-namespace.js';

/** Every process of the node is visible, and signalable or traceable with the right capabilities. */
export const DK1003: KubernetesRule = {
  meta: {
    id: 'DK1003',
    kind: 'kubernetes',
    title: 'Pod shares the host PID namespace',
    severity: 'high',
    why: 'With hostPID the containers see every process on the node, read their environment (secrets included) through /proc, and can signal or ptrace them.',
    fix: 'Remove `hostPID: true`; use `shareProcessNamespace` if containers of the pod need to see each other.',
    aliases: ['KSV010', 'AVD-KSV-0010', 'CKV_K8S_17', 'hostPIDSet', 'PSS:Host Namespaces'],
    pss: { level: 'baseline', control: 'Host Namespaces' },
    example: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  hostPID: true\n  containers:\n  - name: debug\n    image: busybox:1.36',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n  - name: debug\n    image: busybox:1.36',
    },
  },
  check: hostNamespaceCheck('hostPID', 'process table'),
};
