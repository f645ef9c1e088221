import { asMap, asSeq, keySpanOf, scalarOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { describeContainer } from '../subjects.js';

/** A hostPort binds the port on the node's own interfaces, around Services and NetworkPolicies. */
export const DK1009: KubernetesRule = {
  meta: {
    id: 'DK1009',
    kind: 'kubernetes',
    title: 'Container binds a host port',
    severity: 'medium',
    why: 'A hostPort opens the port on the node itself, bypassing Services and often NetworkPolicies, and pins the pod to nodes where the port is free.',
    fix: 'Remove `hostPort` and expose the container port through a Service (NodePort or LoadBalancer if it must be reachable from outside).',
    aliases: ['KSV024', 'AVD-KSV-0024', 'CKV_K8S_26', 'hostPortSet', 'PSS:Host Ports'],
    pss: { level: 'baseline', control: 'Host Ports' },
    example: {
      bad: 'containers:\n- name: web\n  image: nginx:1.27\n  ports:\n  - containerPort: 80\n    hostPort: 80',
      good: 'containers:\n- name: web\n  image: nginx:1.27\n  ports:\n  - containerPort: 80',
    },
  },
  check({ subject: w, report }) {
    for (const c of w.containers) {
      for (const item of asSeq(valueAt(c.node, 'ports'))?.items ?? []) {
        const port = asMap(item);
        const value = scalarOf(valueAt(port, 'hostPort'));
        const span = keySpanOf(port, 'hostPort');
        // PSS allows an unset or zero hostPort.
        if (!span || value === null || value === undefined || value === 0 || value === '0') continue;
        report({ message: `${describeContainer(c)} binds host port ${String(value)}${pssTag('baseline')}`, span });
      }
    }
  },
};
