import { spanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { describeContainer } from '../subjects.js';

/** An unmasked /proc exposes kernel interfaces the runtime normally hides. */
export const DK1012: KubernetesRule = {
  meta: {
    id: 'DK1012',
    kind: 'kubernetes',
    title: 'Unmasked /proc mount',
    severity: 'medium',
    why: '`procMount: Unmasked` lifts the masking of /proc paths such as /proc/kcore, /proc/sysrq-trigger and /proc/sys, which leak kernel memory or change the host.',
    fix: 'Remove `procMount` or set it to `Default`.',
    aliases: ['KSV027', 'AVD-KSV-0027', 'PSS:/proc Mount Type'],
    pss: { level: 'baseline', control: '/proc Mount Type' },
    fixable: true,
    example: {
      bad: 'securityContext:\n  procMount: Unmasked',
      good: 'securityContext:\n  procMount: Default',
    },
  },
  check({ subject: w, file, report }) {
    for (const c of w.containers) {
      const node = valueAt(c.securityContext, 'procMount');
      const value = stringOf(node);
      if (!node || value === undefined || value === 'Default') continue;
      report({
        message: `${describeContainer(c)} sets procMount: ${value}; only Default is allowed${pssTag('baseline')}`,
        span: spanOf(node),
        fix: scalarFix(file, node, 'Default', 'set procMount: Default'),
      });
    }
  },
};
