import { isScalar } from 'yaml';
import { booleanOf, spanOf, valueAt } from '../../yaml-nodes.js';
import { containerSecurityFix, type KubernetesRule, scalarFix } from '../rule-kit.js';
import { containerAnchor, describeContainer } from '../subjects.js';

/** A read-only root file system stops an attacker from planting tools or changing the application. */
export const DK3001: KubernetesRule = {
  meta: {
    id: 'DK3001',
    kind: 'kubernetes',
    title: 'Root file system is writable',
    severity: 'medium',
    why: 'A writable root file system lets a compromised process drop binaries, change the application and persist until the container restarts.',
    fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the application writes (/tmp, caches).',
    aliases: [
      'KSV014',
      'AVD-KSV-0014',
      'CKV_K8S_22',
      'container-security-context-readonlyrootfilesystem',
      'notReadOnlyRootFilesystem',
    ],
    fixable: true,
    example: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: tmp\n    mountPath: /tmp',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const node = valueAt(c.securityContext, 'readOnlyRootFilesystem');
      if (booleanOf(node) === true) continue;
      if (node && isScalar(node) && node.value !== null) {
        report({
          message: `${describeContainer(c)} sets readOnlyRootFilesystem: ${String(node.value)}`,
          span: spanOf(node),
          fix: scalarFix(file, node, true, 'set readOnlyRootFilesystem: true'),
        });
        continue;
      }
      report({
        message: `${describeContainer(c)} has a writable root file system (no readOnlyRootFilesystem: true)`,
        span: containerAnchor(c),
        fix: containerSecurityFix(file, c, ['readOnlyRootFilesystem'], true, 'set readOnlyRootFilesystem: true'),
      });
    }
  },
};
