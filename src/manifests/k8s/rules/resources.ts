import { asMap, keySpanOf, valueAt } from '../../yaml-nodes.js';
import type { KubernetesRule } from '../rule-kit.js';
import { containerAnchor, describeContainer } from '../subjects.js';

/** DK4001–DK4004 differ only in the field they require: `resources.<kind>.<resource>`. */
export function resourceCheck(
  kind: 'limits' | 'requests',
  resource: 'cpu' | 'memory',
  consequence: string,
): KubernetesRule['check'] {
  return ({ subject: w, report }) => {
    for (const c of w.containers) {
      // Ephemeral containers cannot have resources: the API rejects them.
      if (c.group === 'ephemeralContainers') continue;
      const resources = asMap(valueAt(c.node, 'resources'));
      const section = asMap(valueAt(resources, kind));
      if (valueAt(section, resource)) continue;
      report({
        message: `${describeContainer(c)} has no ${resource} ${kind === 'limits' ? 'limit' : 'request'}: ${consequence}`,
        span: keySpanOf(resources, kind) ?? keySpanOf(c.node, 'resources') ?? containerAnchor(c, false),
      });
    }
  };
}
