import type { Fix } from '../../../core/finding.js';
import type { ManifestFile } from '../../manifest-file.js';
import { asMap, asSeq, spanOf, valueAt } from '../../yaml-nodes.js';
import { containerSecurityFix, editorFor, fixOf, type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { capabilityItems } from '../security-context.js';
import { type Container, containerAnchor, describeContainer } from '../subjects.js';

/** Restricted containers start from no capabilities at all. */
export const DK2006: KubernetesRule = {
  meta: {
    id: 'DK2006',
    kind: 'kubernetes',
    title: 'Capabilities not dropped (drop: [ALL])',
    severity: 'medium',
    why: 'The runtime’s default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW with some runtimes…) are more than almost any application needs and help an attacker after a compromise.',
    fix: 'Set `securityContext.capabilities.drop: [ALL]` and add back only NET_BIND_SERVICE if the process binds a port below 1024.',
    aliases: [
      'KSV003',
      'AVD-KSV-0003',
      'KSV004',
      'AVD-KSV-0004',
      'KSV106',
      'AVD-KSV-0106',
      'CKV_K8S_37',
      'insecureCapabilities',
      'PSS:Capabilities',
    ],
    pss: { level: 'restricted', control: 'Capabilities' },
    fixable: true,
    peerNotes:
      'Pod Security admission compares `ALL` case-sensitively, so `drop: [all]` is rejected by a restricted namespace even though Trivy KSV003 accepts it; the fix writes `ALL`. Trivy KSV004 only asks that something is dropped; dropping a few named capabilities still fails here.',
    example: {
      bad: 'securityContext:\n  capabilities:\n    drop: [NET_RAW]',
      good: 'securityContext:\n  capabilities:\n    drop: [ALL]',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const dropped = capabilityItems(c, 'drop');
      if (dropped.some((cap) => cap.name === 'ALL')) continue;
      const lower = dropped.find((cap) => cap.name.toUpperCase() === 'ALL');
      if (lower) {
        report({
          message: `${describeContainer(c)} drops "${lower.name}": Pod Security admission only recognises ALL in capitals${pssTag('restricted')}`,
          span: spanOf(lower.node),
          fix: scalarFix(file, lower.node, 'ALL', 'write ALL in capitals'),
        });
        continue;
      }
      report({
        message: `${describeContainer(c)} does not drop ALL capabilities${pssTag('restricted')}`,
        span: containerAnchor(c),
        fix: dropAllFix(file, c),
      });
    }
  },
};

function dropAllFix(file: ManifestFile, c: Container): Fix | undefined {
  const description = 'drop ALL capabilities';
  const drop = asSeq(valueAt(asMap(valueAt(c.securityContext, 'capabilities')), 'drop'));
  if (drop && drop.items.length > 0) return fixOf(description, editorFor(file).appendItem(drop, 'ALL'));
  return containerSecurityFix(file, c, ['capabilities', 'drop'], ['ALL'], description);
}
