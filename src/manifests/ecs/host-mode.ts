import type { ManifestRule, ManifestRuleMeta } from '../rule.js';
import { spanOf, stringOf } from '../yaml-nodes.js';
import { type EcsContainer, ecsPair } from './subjects.js';

/** Task-level `networkMode`/`pidMode`/`ipcMode: host`: reported once per task (findings are deduplicated). */
export function hostModeRule(
  field: 'networkMode' | 'pidMode' | 'ipcMode',
  what: string,
  meta: Omit<ManifestRuleMeta, 'kind' | 'example'>,
): ManifestRule<EcsContainer> {
  return {
    meta: {
      ...meta,
      kind: 'ecs',
      example: {
        bad: `{\n  "family": "web",\n  "${field}": "host",\n  "containerDefinitions": [{ "name": "web", "image": "app:1.0" }]\n}`,
        good: `{\n  "family": "web",\n  "networkMode": "awsvpc",\n  "containerDefinitions": [{ "name": "web", "image": "app:1.0" }]\n}`,
      },
    },
    check({ subject, report }) {
      const pair = ecsPair(subject, subject.task, field);
      if (!pair || stringOf(pair.value)?.toLowerCase() !== 'host') return;
      report({ message: `the task shares the host's ${what} (${field} host)`, span: spanOf(pair) });
    },
  };
}
