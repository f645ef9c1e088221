import { isScalar } from 'yaml';
import { booleanOf, spanOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { describeContainer } from '../subjects.js';

/** A privileged container has every capability and every device of the node. */
export const DK1005: KubernetesRule = {
  meta: {
    id: 'DK1005',
    kind: 'kubernetes',
    title: 'Privileged container',
    severity: 'critical',
    why: 'A privileged container gets all capabilities, every host device and no seccomp/AppArmor confinement: escaping to the node is trivial.',
    fix: 'Set `privileged: false` and add only the capabilities the process needs.',
    aliases: [
      'KSV017',
      'AVD-KSV-0017',
      'CKV_K8S_16',
      'container-security-context-privileged',
      'runAsPrivileged',
      'PSS:Privileged Containers',
    ],
    pss: { level: 'baseline', control: 'Privileged Containers' },
    fixable: true,
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    privileged: true',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    privileged: false',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const node = valueAt(c.securityContext, 'privileged');
      if (!isScalar(node) || booleanOf(node) !== true) continue;
      report({
        message: `${describeContainer(c)} is privileged: it has every capability and device of the node${pssTag('baseline')}`,
        span: spanOf(node),
        fix: scalarFix(file, node, false, 'set privileged: false'),
      });
    }
  },
};
