import type { KubernetesRule } from '../rule-kit.js';
import { resourceCheck } from './resources.js';

/** Without a memory request the pod is among the first evicted under memory pressure. */
export const DK4004: KubernetesRule = {
  meta: {
    id: 'DK4004',
    kind: 'kubernetes',
    title: 'No memory request',
    severity: 'low',
    why: 'Without a memory request the scheduler may overcommit the node, and the pod (BestEffort) is evicted first under memory pressure.',
    fix: 'Set `resources.requests.memory` (for example `256Mi`).',
    aliases: ['KSV016', 'AVD-KSV-0016', 'CKV_K8S_12', 'memoryRequestsMissing', 'container-resources'],
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    requests:\n      memory: 256Mi',
    },
  },
  check: resourceCheck('requests', 'memory', 'the scheduler cannot reserve memory for it'),
};
