import type { KubernetesRule } from '../rule-kit.js';
import { resourceCheck } from './resources.js';

/** Without a CPU request the scheduler places the pod blind and it is throttled first. */
export const DK4003: KubernetesRule = {
  meta: {
    id: 'DK4003',
    kind: 'kubernetes',
    title: 'No CPU request',
    severity: 'low',
    why: 'Without a CPU request the scheduler cannot place the pod where there is room, and the container is the first to starve under contention.',
    fix: 'Set `resources.requests.cpu` (for example `100m`).',
    aliases: ['KSV015', 'AVD-KSV-0015', 'CKV_K8S_10', 'cpuRequestsMissing', 'container-resources'],
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    requests:\n      cpu: 100m',
    },
  },
  check: resourceCheck('requests', 'cpu', 'the scheduler cannot reserve CPU for it'),
};
