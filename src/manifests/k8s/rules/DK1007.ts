import { asMap, asSeq, keySpanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { describeWorkload } from '../subjects.js';

/** A hostPath volume is a window onto the node's file system. */
export const DK1007: KubernetesRule = {
  meta: {
    id: 'DK1007',
    kind: 'kubernetes',
    title: 'hostPath volume',
    severity: 'high',
    why: "A hostPath volume mounts a directory of the node: with write access (or the wrong path) a container can plant binaries, read other pods' data and kubelet credentials.",
    fix: 'Use an emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim instead of `hostPath`.',
    aliases: ['KSV023', 'AVD-KSV-0023', 'KSV121', 'AVD-KSV-0121', 'PSS:HostPath Volumes'],
    pss: { level: 'baseline', control: 'HostPath Volumes' },
    peerNotes:
      'Trivy KSV121 reports only hostPath volumes of sensitive paths (/, /etc, /proc, the runtime sockets…); PSS baseline forbids every hostPath, and so does this rule.',
    example: {
      bad: 'volumes:\n- name: logs\n  hostPath:\n    path: /var/log',
      good: 'volumes:\n- name: logs\n  emptyDir: {}',
    },
  },
  check({ subject: w, report }) {
    for (const item of asSeq(valueAt(w.podSpec, 'volumes'))?.items ?? []) {
      const volume = asMap(item);
      const hostPath = asMap(valueAt(volume, 'hostPath'));
      const span = keySpanOf(volume, 'hostPath');
      if (!volume || !span) continue;
      const path = stringOf(valueAt(hostPath, 'path')) ?? '?';
      const name = stringOf(valueAt(volume, 'name')) ?? '?';
      report({
        message: `${describeWorkload(w)} mounts the node's ${path} (hostPath volume "${name}")${pssTag('baseline')}`,
        span,
      });
    }
  },
};
