import { booleanOf, keySpanOf, pairOf, spanOf } from '../../yaml-nodes.js';
import { type KubernetesRule, pssTag } from '../rule-kit.js';
import { describeWorkload } from '../subjects.js';

type HostNamespaceField = 'hostNetwork' | 'hostPID' | 'hostIPC';

/** DK1002–DK1004 differ only in the pod field they read: one body, three rule files. */
export function hostNamespaceCheck(field: HostNamespaceField, what: string): KubernetesRule['check'] {
  return ({ subject: w, report }) => {
    const pair = pairOf(w.podSpec, field);
    if (!pair || booleanOf(pair.value) !== true) return;
    report({
      message: `${describeWorkload(w)} sets ${field}: true, so its containers share the node's ${what}${pssTag('baseline')}`,
      span: keySpanOf(w.podSpec, field) ?? spanOf(pair),
    });
  };
}
