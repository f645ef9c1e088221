import { isScalar } from 'yaml';
import { booleanOf, spanOf, valueAt } from '../../yaml-nodes.js';
import { containerSecurityFix, type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { containerAnchor, describeContainer } from '../subjects.js';

/** Without `allowPrivilegeEscalation: false`, setuid binaries and file capabilities can raise privileges. */
export const DK2002: KubernetesRule = {
  meta: {
    id: 'DK2002',
    kind: 'kubernetes',
    title: 'Privilege escalation not disabled',
    severity: 'medium',
    why: 'Unless `allowPrivilegeEscalation` is false the kernel honours setuid binaries and file capabilities (no_new_privs is off), so a process can gain more privileges than it started with.',
    fix: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    aliases: ['KSV001', 'AVD-KSV-0001', 'CKV_K8S_20', 'privilegeEscalationAllowed', 'PSS:Privilege Escalation'],
    pss: { level: 'restricted', control: 'Privilege Escalation' },
    fixable: true,
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    allowPrivilegeEscalation: false',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const node = valueAt(c.securityContext, 'allowPrivilegeEscalation');
      const value = booleanOf(node);
      if (value === false) continue;
      if (node && isScalar(node) && node.value !== null) {
        report({
          message: `${describeContainer(c)} sets allowPrivilegeEscalation: ${String(node.value)}; it must be false${pssTag('restricted')}`,
          span: spanOf(node),
          fix: scalarFix(file, node, false, 'set allowPrivilegeEscalation: false'),
        });
        continue;
      }
      report({
        message: `${describeContainer(c)} does not set allowPrivilegeEscalation: false${pssTag('restricted')}`,
        span: containerAnchor(c),
        fix: containerSecurityFix(file, c, ['allowPrivilegeEscalation'], false, 'set allowPrivilegeEscalation: false'),
      });
    }
  },
};
