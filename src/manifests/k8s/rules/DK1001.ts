import { isScalar } from 'yaml';
import { asMap, booleanOf, keySpanOf, spanOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { describeContainer, describeWorkload } from '../subjects.js';

/** A Windows HostProcess container is a process on the node with the node's privileges. */
export const DK1001: KubernetesRule = {
  meta: {
    id: 'DK1001',
    kind: 'kubernetes',
    title: 'Windows HostProcess container',
    severity: 'critical',
    why: 'A HostProcess container runs directly on the Windows node, outside any container isolation, with the node’s network and file system.',
    fix: 'Remove `windowsOptions.hostProcess: true` from the pod and container securityContext.',
    aliases: ['KSV103', 'AVD-KSV-0103', 'PSS:HostProcess'],
    pss: { level: 'baseline', control: 'HostProcess' },
    example: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n  hostNetwork: true\n  containers:\n  - name: agent\n    image: mcr.microsoft.com/windows/nanoserver:ltsc2022',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: agent\n    image: mcr.microsoft.com/windows/nanoserver:ltsc2022',
    },
  },
  check({ subject: w, report }) {
    const judge = (securityContext: unknown, who: string) => {
      const options = asMap(valueAt(asMap(securityContext), 'windowsOptions'));
      const node = valueAt(options, 'hostProcess');
      if (!isScalar(node) || booleanOf(node) !== true) return;
      report({
        message: `${who} sets windowsOptions.hostProcess: true: it runs on the node outside container isolation${pssTag('baseline')}`,
        span: keySpanOf(options, 'hostProcess') ?? spanOf(node),
      });
    };
    judge(w.podSecurityContext, describeWorkload(w));
    for (const c of w.containers) judge(c.securityContext, describeContainer(c));
  },
};
