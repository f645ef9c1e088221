import { asMap, spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { appArmorAnnotation, effective } from '../security-context.js';
import { describeContainer } from '../subjects.js';

/** Annotation values Pod Security admission accepts (besides none at all). */
const ALLOWED_ANNOTATION = /^(runtime\/default|localhost\/.+)$/;
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

/** Turning AppArmor off (or naming a profile that is not loaded) removes a layer of confinement. */
export const DK1010: KubernetesRule = {
  meta: {
    id: 'DK1010',
    kind: 'kubernetes',
    title: 'AppArmor profile overridden',
    severity: 'medium',
    why: 'An `unconfined` (or unknown) AppArmor profile removes the mandatory access control that blocks mounts, raw sockets and writes to /proc and /sys.',
    fix: 'Use `appArmorProfile: {type: RuntimeDefault}` (or a `Localhost` profile), or the annotation value `runtime/default`.',
    aliases: ['KSV002', 'AVD-KSV-0002', 'PSS:AppArmor'],
    pss: { level: 'baseline', control: 'AppArmor' },
    fixable: true,
    example: {
      bad: 'metadata:\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined',
      good: 'metadata:\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: runtime/default',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const annotation = appArmorAnnotation(c);
      if (annotation && annotation.value !== '' && !ALLOWED_ANNOTATION.test(annotation.value)) {
        report({
          message: `${describeContainer(c)} has AppArmor profile "${annotation.value}"; allowed are runtime/default and localhost/*${pssTag('baseline')}`,
          span: spanOf(annotation.node),
          fix: scalarFix(file, annotation.node, 'runtime/default', 'use the runtime/default AppArmor profile'),
        });
      }
      const profile = effective(c, 'appArmorProfile');
      const typeNode = valueAt(asMap(profile?.value), 'type');
      const type = stringOf(typeNode);
      if (profile && typeNode && type !== undefined && !ALLOWED_TYPES.has(type)) {
        const fix = scalarFix(file, typeNode, 'RuntimeDefault', 'use the RuntimeDefault AppArmor profile');
        report({
          message: `${describeContainer(c)} has appArmorProfile type ${type}${profile.level === 'pod' ? ' (from the pod)' : ''}; allowed are RuntimeDefault and Localhost${pssTag('baseline')}`,
          span: spanOf(typeNode),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};
