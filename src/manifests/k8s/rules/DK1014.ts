import { asMap, asSeq, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { SAFE_SYSCTLS } from '../security-context.js';
import { describeWorkload } from '../subjects.js';

/** Sysctls outside the safe set change kernel settings shared with every pod on the node. */
export const DK1014: KubernetesRule = {
  meta: {
    id: 'DK1014',
    kind: 'kubernetes',
    title: 'Unsafe sysctl',
    severity: 'medium',
    why: 'Only a few sysctls are namespaced and isolated per pod; the others change the node’s kernel for every workload on it, or exhaust its resources.',
    fix: 'Remove the sysctl, or set it on the node; pods may set only the safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, …).',
    aliases: ['KSV026', 'AVD-KSV-0026', 'PSS:Sysctls'],
    pss: { level: 'baseline', control: 'Sysctls' },
    example: {
      bad: 'securityContext:\n  sysctls:\n  - name: kernel.msgmax\n    value: "65536"',
      good: 'securityContext:\n  sysctls:\n  - name: net.ipv4.tcp_syncookies\n    value: "1"',
    },
  },
  check({ subject: w, report }) {
    for (const item of asSeq(valueAt(w.podSecurityContext, 'sysctls'))?.items ?? []) {
      const nameNode = valueAt(asMap(item), 'name');
      const name = stringOf(nameNode);
      if (!nameNode || name === undefined || SAFE_SYSCTLS.has(name)) continue;
      report({
        message: `${describeWorkload(w)} sets sysctl ${name}, which is not in the safe set${pssTag('baseline')}`,
        span: spanOf(nameNode),
      });
    }
  },
};
