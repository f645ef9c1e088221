import { asMap, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { effective, seccompAnnotation } from '../security-context.js';
import { describeContainer } from '../subjects.js';

/** Unconfined seccomp lets the container make every system call, including the rarely needed dangerous ones. */
export const DK1013: KubernetesRule = {
  meta: {
    id: 'DK1013',
    kind: 'kubernetes',
    title: 'Seccomp explicitly disabled',
    severity: 'high',
    why: 'An Unconfined seccomp profile allows every system call (keyctl, unshare, bpf, mount…), the usual first step of a kernel exploit.',
    fix: 'Use `seccompProfile: {type: RuntimeDefault}` (or a Localhost profile).',
    aliases: ['KSV104', 'AVD-KSV-0104', 'PSS:Seccomp'],
    pss: { level: 'baseline', control: 'Seccomp' },
    fixable: true,
    peerNotes:
      'Trivy KSV104 also fails when no profile is set (the kubelet then runs Unconfined unless SeccompDefault is on). PSS baseline allows an unset profile; PSS restricted does not, and DK2005 reports it.',
    example: {
      bad: 'securityContext:\n  seccompProfile:\n    type: Unconfined',
      good: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const profile = effective(c, 'seccompProfile');
      const typeNode = valueAt(asMap(profile?.value), 'type');
      if (profile && typeNode && stringOf(typeNode) === 'Unconfined') {
        report({
          message: `${describeContainer(c)} runs with seccomp Unconfined${profile.level === 'pod' ? ' (from the pod)' : ''}${pssTag('baseline')}`,
          span: spanOf(typeNode),
          fix: scalarFix(file, typeNode, 'RuntimeDefault', 'use the RuntimeDefault seccomp profile'),
        });
      }
      const annotation = seccompAnnotation(c);
      if (annotation && annotation.value === 'unconfined') {
        report({
          message: `${describeContainer(c)} runs with seccomp unconfined (annotation)${pssTag('baseline')}`,
          span: spanOf(annotation.node),
          fix: scalarFix(file, annotation.node, 'runtime/default', 'use the runtime/default seccomp profile'),
        });
      }
    }
  },
};
