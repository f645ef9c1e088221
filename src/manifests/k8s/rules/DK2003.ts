import { booleanOf, spanOf } from '../../yaml-nodes.js';
import { containerSecurityFix, type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { effective } from '../security-context.js';
import { containerAnchor, describeContainer } from '../subjects.js';

/** `runAsNonRoot: true` makes the kubelet refuse to start a container whose user is root. */
export const DK2003: KubernetesRule = {
  meta: {
    id: 'DK2003',
    kind: 'kubernetes',
    title: 'Container may run as root',
    severity: 'medium',
    why: 'Without `runAsNonRoot: true` an image whose USER is root (or unset) runs as root, and a container escape then starts as root on the node.',
    fix: 'Set `securityContext.runAsNonRoot: true` (with a numeric `runAsUser` when the image names its user).',
    aliases: ['KSV012', 'AVD-KSV-0012', 'CKV_K8S_23', 'runAsRootAllowed', 'PSS:Running as Non-root'],
    pss: { level: 'restricted', control: 'Running as Non-root' },
    fixable: true,
    peerNotes:
      'Checkov CKV_K8S_23 also passes a container with a non-zero `runAsUser` and no `runAsNonRoot`; Pod Security admission (restricted) does not, and neither does this rule.',
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 1000',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const setting = effective(c, 'runAsNonRoot');
      if (setting && booleanOf(setting.value) === true) continue;
      if (setting) {
        report({
          message: `${describeContainer(c)} runs with runAsNonRoot: false${setting.level === 'pod' ? ' (from the pod)' : ''}${pssTag('restricted')}`,
          span: spanOf(setting.value),
          fix: scalarFix(file, setting.value, true, 'set runAsNonRoot: true'),
        });
        continue;
      }
      report({
        message: `${describeContainer(c)} does not set runAsNonRoot: true (nor does the pod)${pssTag('restricted')}`,
        span: containerAnchor(c),
        fix: containerSecurityFix(file, c, ['runAsNonRoot'], true, 'set runAsNonRoot: true'),
      });
    }
  },
};
