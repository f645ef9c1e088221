import { spanOf } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { BASELINE_CAPABILITIES, capabilityItems } from '../security-context.js';
import { describeContainer } from '../subjects.js';
import { removeCapabilityFix } from './capability-fix.js';

/** Restricted pods may add back only NET_BIND_SERVICE after dropping ALL. */
export const DK2007: KubernetesRule = {
  meta: {
    id: 'DK2007',
    kind: 'kubernetes',
    title: 'Capability other than NET_BIND_SERVICE added',
    severity: 'low',
    why: 'CHOWN, SETUID, DAC_OVERRIDE and the other default capabilities let a compromised process change owners, switch users and ignore file permissions.',
    fix: 'Remove the capability from `capabilities.add`; after `drop: [ALL]` only NET_BIND_SERVICE (ports below 1024) may come back.',
    aliases: ['KSV106', 'AVD-KSV-0106', 'KSV022', 'AVD-KSV-0022', 'CKV_K8S_25', 'PSS:Capabilities'],
    pss: { level: 'restricted', control: 'Capabilities' },
    fixable: true,
    peerNotes:
      'Capabilities outside the baseline set (SYS_ADMIN, NET_RAW, …) are reported once, by DK1006. Trivy KSV106 also fails when ALL is not dropped: that half is DK2006.',
    example: {
      bad: 'securityContext:\n  capabilities:\n    drop: [ALL]\n    add: [NET_BIND_SERVICE, CHOWN]',
      good: 'securityContext:\n  capabilities:\n    drop: [ALL]\n    add: [NET_BIND_SERVICE]',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const added = capabilityItems(c, 'add');
      const removable = added.filter((cap) => cap.name !== 'NET_BIND_SERVICE');
      for (const cap of removable) {
        if (!BASELINE_CAPABILITIES.has(cap.name)) continue;
        report({
          message: `${describeContainer(c)} adds capability ${cap.name}; only NET_BIND_SERVICE may be added${pssTag('restricted')}`,
          span: spanOf(cap.node),
          fix: removeCapabilityFix(file, c, cap.index, cap.name, removable.length === added.length),
        });
      }
    }
  },
};
