import { isPair, isScalar } from 'yaml';
import { asMap, asSeq, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { RESTRICTED_VOLUME_TYPES } from '../security-context.js';
import { describeWorkload } from '../subjects.js';

/** Restricted pods use only ephemeral and API-backed volume sources. */
export const DK2001: KubernetesRule = {
  meta: {
    id: 'DK2001',
    kind: 'kubernetes',
    title: 'Volume type not allowed by the restricted profile',
    severity: 'low',
    why: 'Node-level and network volume plugins (hostPath, nfs, iscsi, flexVolume, gitRepo…) bypass the PersistentVolume access controls and some run code on the node.',
    fix: 'Use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes.',
    aliases: ['KSV028', 'AVD-KSV-0028', 'PSS:Volume Types'],
    pss: { level: 'restricted', control: 'Volume Types' },
    example: {
      bad: 'volumes:\n- name: data\n  nfs:\n    server: nfs.example.com\n    path: /exports',
      good: 'volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: data',
    },
  },
  check({ subject: w, report }) {
    for (const item of asSeq(valueAt(w.podSpec, 'volumes'))?.items ?? []) {
      const volume = asMap(item);
      if (!volume) continue;
      const name = stringOf(valueAt(volume, 'name')) ?? '?';
      for (const pair of volume.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (key === 'name' || RESTRICTED_VOLUME_TYPES.has(key)) continue;
        report({
          message: `${describeWorkload(w)} uses a ${key} volume ("${name}"), not an allowed volume type${pssTag('restricted')}`,
          span: spanOf(pair.key as Parameters<typeof spanOf>[0]),
        });
      }
    }
  },
};
