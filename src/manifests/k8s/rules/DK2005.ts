import { asMap, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { containerSecurityFix, type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { effective } from '../security-context.js';
import { containerAnchor, describeContainer } from '../subjects.js';

const ALLOWED = new Set(['RuntimeDefault', 'Localhost']);

/** Restricted pods name a seccomp profile explicitly; without one the kubelet's default is Unconfined. */
export const DK2005: KubernetesRule = {
  meta: {
    id: 'DK2005',
    kind: 'kubernetes',
    title: 'No RuntimeDefault or Localhost seccomp profile',
    severity: 'low',
    why: 'Unless the kubelet runs with SeccompDefault, a container without a seccomp profile runs Unconfined: every system call is allowed.',
    fix: 'Set `securityContext.seccompProfile.type: RuntimeDefault` (pod or container), or a Localhost profile.',
    aliases: [
      'KSV030',
      'AVD-KSV-0030',
      'KSV104',
      'AVD-KSV-0104',
      'CKV_K8S_31',
      'container-seccomp-profile',
      'PSS:Seccomp',
    ],
    pss: { level: 'restricted', control: 'Seccomp' },
    fixable: true,
    peerNotes:
      'An explicit Unconfined profile is DK1013 (baseline), not reported twice. The alpha annotations (`seccomp.security.alpha.kubernetes.io/…`) do not count: kubelets ignore them since Kubernetes 1.27; kube-score still accepts the PodSecurityPolicy annotation `seccomp.security.alpha.kubernetes.io/defaultProfileName`, which never applied to pods.',
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const profile = effective(c, 'seccompProfile');
      const typeNode = valueAt(asMap(profile?.value), 'type');
      const type = stringOf(typeNode);
      if (type !== undefined && (ALLOWED.has(type) || type === 'Unconfined')) continue;
      if (profile && typeNode && type !== undefined) {
        report({
          message: `${describeContainer(c)} has seccomp profile type ${type}${profile.level === 'pod' ? ' (from the pod)' : ''}; use RuntimeDefault or Localhost${pssTag('restricted')}`,
          span: spanOf(typeNode),
          fix: scalarFix(file, typeNode, 'RuntimeDefault', 'use the RuntimeDefault seccomp profile'),
        });
        continue;
      }
      report({
        message: `${describeContainer(c)} has no seccomp profile (nor does the pod): it runs Unconfined by default${pssTag('restricted')}`,
        span: containerAnchor(c),
        fix: containerSecurityFix(
          file,
          c,
          ['seccompProfile', 'type'],
          'RuntimeDefault',
          'use the RuntimeDefault seccomp profile',
        ),
      });
    }
  },
};
