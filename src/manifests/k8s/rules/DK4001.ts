import type { KubernetesRule } from '../rule-kit.js';
import { resourceCheck } from './resources.js';

/** One busy container without a CPU limit can starve its neighbours on the node. */
export const DK4001: KubernetesRule = {
  meta: {
    id: 'DK4001',
    kind: 'kubernetes',
    title: 'No CPU limit',
    severity: 'low',
    why: 'Without a CPU limit a runaway or compromised container (a crypto miner, say) can use every core of the node.',
    fix: 'Set `resources.limits.cpu` (for example `500m`).',
    aliases: ['KSV011', 'AVD-KSV-0011', 'CKV_K8S_11', 'cpuLimitsMissing', 'container-resources'],
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    limits:\n      cpu: 500m',
    },
  },
  check: resourceCheck('limits', 'cpu', 'it can use every core of the node'),
};
