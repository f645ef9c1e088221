import { spanOf } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { BASELINE_CAPABILITIES, capabilityItems } from '../security-context.js';
import { describeContainer } from '../subjects.js';
import { removeCapabilityFix } from './capability-fix.js';

/** Capabilities beyond the runtime defaults (SYS_ADMIN, NET_ADMIN, NET_RAW, ALL…) break isolation. */
export const DK1006: KubernetesRule = {
  meta: {
    id: 'DK1006',
    kind: 'kubernetes',
    title: 'Capability added beyond the baseline set',
    severity: 'high',
    why: 'SYS_ADMIN, SYS_MODULE, SYS_PTRACE, NET_ADMIN, NET_RAW, ALL and the like give a container kernel powers that lead straight to the node.',
    fix: 'Remove the capability from `securityContext.capabilities.add`; only the runtime-default set (CHOWN, NET_BIND_SERVICE, SETUID, …) may be added.',
    aliases: [
      'KSV022',
      'AVD-KSV-0022',
      'KSV005',
      'AVD-KSV-0005',
      'KSV119',
      'AVD-KSV-0119',
      'KSV120',
      'AVD-KSV-0120',
      'CKV_K8S_25',
      'CKV_K8S_39',
      'dangerousCapabilities',
      'PSS:Capabilities',
    ],
    pss: { level: 'baseline', control: 'Capabilities' },
    fixable: true,
    peerNotes:
      'PSS baseline allows adding the runtime-default capabilities (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT); Trivy KSV022 and Checkov CKV_K8S_25 report any `add`. Those adds are reported by DK2007 (PSS restricted) instead. Names are compared exactly, as Pod Security admission does.',
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    capabilities:\n      add: [SYS_ADMIN]',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    capabilities:\n      drop: [ALL]',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const added = capabilityItems(c, 'add');
      const bad = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap.name));
      for (const cap of bad) {
        report({
          message: `${describeContainer(c)} adds capability ${cap.name}, outside the baseline set${pssTag('baseline')}`,
          span: spanOf(cap.node),
          fix: removeCapabilityFix(file, c, cap.index, cap.name, bad.length === added.length),
        });
      }
    }
  },
};
