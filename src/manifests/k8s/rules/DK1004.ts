import type { KubernetesRule } from '../rule-kit.js';
import { hostNamespaceCheck } from './host-namespace.js';

/** Shared memory and message queues of the node become readable and writable by the pod. */
export const DK1004: KubernetesRule = {
  meta: {
    id: 'DK1004',
    kind: 'kubernetes',
    title: 'Pod shares the host IPC namespace',
    severity: 'high',
    why: 'With hostIPC the containers can read and write the shared memory segments and message queues of every process on the node.',
    fix: 'Remove `hostIPC: true`.',
    aliases: ['KSV008', 'AVD-KSV-0008', 'CKV_K8S_18', 'hostIPCSet', 'PSS:Host Namespaces'],
    pss: { level: 'baseline', control: 'Host Namespaces' },
    example: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  hostIPC: true\n  containers:\n  - name: db\n    image: postgres:16',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n  - name: db\n    image: postgres:16',
    },
  },
  check: hostNamespaceCheck('hostIPC', 'IPC objects (shared memory, message queues)'),
};
