import type { ManifestRule, ManifestRuleMeta } from '../rule.js';
import { spanOf, stringOf } from '../yaml-nodes.js';
import { type ComposeService, serviceField } from './subjects.js';

/** One rule per host namespace a service can join (`network_mode`, `pid`, `ipc`, `userns_mode`): same shape. */
export function hostNamespaceRule(
  field: string,
  what: string,
  meta: Omit<ManifestRuleMeta, 'kind' | 'example'>,
): ManifestRule<ComposeService> {
  return {
    meta: {
      ...meta,
      kind: 'compose',
      example: {
        bad: `services:\n  web:\n    image: app:1.0\n    ${field}: host`,
        good: 'services:\n  web:\n    image: app:1.0',
      },
    },
    check({ subject, report }) {
      const pair = serviceField(subject, field);
      if (!pair || stringOf(pair.value)?.trim().toLowerCase() !== 'host') return;
      report({ message: `service "${subject.name}" shares the host's ${what} (${field}: host)`, span: spanOf(pair) });
    },
  };
}
