import { asMap, keySpanOf, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { ALLOWED_SELINUX_TYPES } from '../security-context.js';
import { describeContainer, describeWorkload } from '../subjects.js';

/** A custom SELinux user, role or type can lift the container out of its confinement. */
export const DK1011: KubernetesRule = {
  meta: {
    id: 'DK1011',
    kind: 'kubernetes',
    title: 'Custom SELinux options',
    severity: 'medium',
    why: 'Setting the SELinux user or role, or a type other than the container types, can give the process a domain that is allowed to touch the host.',
    fix: 'Remove `seLinuxOptions.user` and `.role`; leave `type` unset or use container_t, container_init_t, container_kvm_t or container_engine_t.',
    aliases: ['KSV025', 'AVD-KSV-0025', 'PSS:SELinux'],
    pss: { level: 'baseline', control: 'SELinux' },
    example: {
      bad: 'securityContext:\n  seLinuxOptions:\n    type: spc_t',
      good: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"',
    },
  },
  check({ subject: w, report }) {
    const judge = (securityContext: unknown, who: string) => {
      const options = asMap(valueAt(asMap(securityContext), 'seLinuxOptions'));
      if (!options) return;
      const typeNode = valueAt(options, 'type');
      const type = stringOf(typeNode);
      if (typeNode && type !== undefined && !ALLOWED_SELINUX_TYPES.has(type)) {
        report({
          message: `${who} sets SELinux type ${type}; allowed are container_t, container_init_t, container_kvm_t and container_engine_t${pssTag('baseline')}`,
          span: spanOf(typeNode),
        });
      }
      for (const field of ['user', 'role'] as const) {
        const value = stringOf(valueAt(options, field));
        const span = keySpanOf(options, field);
        if (span && value)
          report({ message: `${who} sets SELinux ${field} ${value}; it must be unset${pssTag('baseline')}`, span });
      }
    };
    judge(w.podSecurityContext, describeWorkload(w));
    for (const c of w.containers) judge(c.securityContext, describeContainer(c));
  },
};
