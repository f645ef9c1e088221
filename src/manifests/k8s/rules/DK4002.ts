import type { KubernetesRule } from '../rule-kit.js';
import { resourceCheck } from './resources.js';

/** A memory leak without a limit ends with the kernel killing other pods on the node. */
export const DK4002: KubernetesRule = {
  meta: {
    id: 'DK4002',
    kind: 'kubernetes',
    title: 'No memory limit',
    severity: 'low',
    why: 'Without a memory limit a leaking or attacked container grows until the node runs out of memory and the kernel kills other workloads.',
    fix: 'Set `resources.limits.memory` (for example `512Mi`).',
    aliases: ['KSV018', 'AVD-KSV-0018', 'CKV_K8S_13', 'memoryLimitsMissing', 'container-resources'],
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    limits:\n      memory: 512Mi',
    },
  },
  check: resourceCheck('limits', 'memory', 'it can exhaust the node’s memory'),
};
