import { asMap, scalarOf, spanOf, valueAt } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag, scalarFix } from '../rule-kit.js';
import { describeContainer, describeWorkload } from '../subjects.js';

/** The UID the guide and `drydock generate` use for the application user. */
export const DEFAULT_APP_UID = 1000;

/** `runAsUser: 0` is root whatever the image says. */
export const DK2004: KubernetesRule = {
  meta: {
    id: 'DK2004',
    kind: 'kubernetes',
    title: 'Runs as UID 0',
    severity: 'high',
    why: '`runAsUser: 0` forces root inside the container, overriding a non-root USER in the image; a container escape then starts as root on the node.',
    fix: 'Set `runAsUser` to the image’s non-root UID (the guide uses 1000) and `runAsNonRoot: true`.',
    aliases: ['KSV105', 'AVD-KSV-0105', 'PSS:Running as Non-root user'],
    pss: { level: 'restricted', control: 'Running as Non-root user' },
    fixable: true,
    example: {
      bad: 'securityContext:\n  runAsUser: 0',
      good: 'securityContext:\n  runAsUser: 1000\n  runAsNonRoot: true',
    },
  },
  check({ subject: w, file, report }) {
    const judge = (securityContext: unknown, who: string) => {
      const node = valueAt(asMap(securityContext), 'runAsUser');
      const value = scalarOf(node);
      if (!node || (value !== 0 && value !== '0')) return;
      report({
        message: `${who} sets runAsUser: 0 (root)${pssTag('restricted')}`,
        span: spanOf(node),
        fix: scalarFix(file, node, DEFAULT_APP_UID, `set runAsUser: ${DEFAULT_APP_UID}`),
      });
    };
    judge(w.podSecurityContext, describeWorkload(w));
    for (const c of w.containers) judge(c.securityContext, describeContainer(c));
  },
};
