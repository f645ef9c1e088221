import type { ManifestRule } from '../../rule.js';
import { asMap, spanOf, stringOf } from '../../yaml-nodes.js';
import { setAtPath } from '../fixes.js';
import { type EcsContainer, ecsPair, ecsValue, mapItems } from '../subjects.js';

export const DE6001: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE6001',
    kind: 'ecs',
    title: 'EFS volume without encryption in transit',
    severity: 'medium',
    why: 'Without transit encryption NFS traffic between the task and EFS crosses the VPC in clear text.',
    fix: 'Set `"transitEncryption": "ENABLED"` in the volume\'s efsVolumeConfiguration.',
    aliases: ['CKV_AWS_97', 'AVD-AWS-0035'],
    fixable: true,
    peerNotes:
      'Trivy AVD-AWS-0035 reports every task volume without EFS transit encryption; drydock only looks at EFS volumes (host and Docker volumes have no transit to encrypt).',
    example: {
      bad: '{\n  "containerDefinitions": [{ "name": "web", "image": "app:1.0" }],\n  "volumes": [\n    { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1234" } }\n  ]\n}',
      good: '{\n  "containerDefinitions": [{ "name": "web", "image": "app:1.0" }],\n  "volumes": [\n    {\n      "name": "data",\n      "efsVolumeConfiguration": { "fileSystemId": "fs-1234", "transitEncryption": "ENABLED" }\n    }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    for (const volume of mapItems(ecsValue(subject, subject.task, 'volumes'))) {
      const efs = asMap(ecsValue(subject, volume, 'efsVolumeConfiguration'));
      if (!efs) continue;
      const setting = ecsPair(subject, efs, 'transitEncryption');
      if (stringOf(setting?.value)?.toUpperCase() === 'ENABLED') continue;
      const name = stringOf(ecsValue(subject, volume, 'name')) ?? '(unnamed)';
      report({
        message: `EFS volume "${name}" does not encrypt traffic in transit`,
        span: setting ? spanOf(setting) : spanOf(ecsPair(subject, volume, 'efsVolumeConfiguration') ?? volume),
        fix: {
          description: 'enable EFS transit encryption',
          edits: [setAtPath(subject, efs, ['transitEncryption'], 'ENABLED')],
        },
      });
    }
  },
};
