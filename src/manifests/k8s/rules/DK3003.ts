import { credentialValue, secretName } from '../../../dockerfile/secret-patterns.js';
import { asMap, asSeq, keySpanOf, stringOf, valueAt } from '../../yaml-nodes.js';
import type { KubernetesRule } from '../rule-kit.js';
import { describeContainer } from '../subjects.js';

/** `$(OTHER_VAR)` only refers to another variable; it holds no secret itself. */
const ONLY_REFERENCES = /^(\$\([A-Za-z_][A-Za-z0-9_]*\)|\s)*$/;

/** A secret written into the manifest is in git, in `kubectl get -o yaml` and in every log of it. */
export const DK3003: KubernetesRule = {
  meta: {
    id: 'DK3003',
    kind: 'kubernetes',
    title: 'Secret in a plain environment variable',
    severity: 'high',
    why: 'A password or token written as an `env` value is stored in the repository, readable by anyone who can read the workload, and shown by `kubectl describe`.',
    fix: 'Move the value into a Secret and use `valueFrom.secretKeyRef` (or mount the Secret as a file).',
    aliases: ['sensitiveContainerEnvVar'],
    peerNotes:
      'Polaris flags secret-like names whatever the value; this rule reports only literal values (not `valueFrom`, not empty, not `$(VAR)` references) — by name (PASSWORD, TOKEN, SECRET, API_KEY…, the names the Dockerfile rules use) or by credential shape (AWS keys, GitHub tokens, private keys, URLs with passwords). The value is never printed.',
    example: {
      bad: 'env:\n- name: DB_PASSWORD\n  value: hunter2',
      good: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db\n      key: password',
    },
  },
  check({ subject: w, report }) {
    for (const c of w.containers) {
      for (const item of asSeq(valueAt(c.node, 'env'))?.items ?? []) {
        const entry = asMap(item);
        const name = stringOf(valueAt(entry, 'name'));
        const value = stringOf(valueAt(entry, 'value'));
        const span = keySpanOf(entry, 'value');
        if (!name || value === undefined || !span || value.trim() === '' || ONLY_REFERENCES.test(value)) continue;
        const shape = credentialValue(value);
        if (!shape && !secretName(name)) continue;
        report({
          message: `${describeContainer(c)} sets ${name} to ${shape ? `${shape} ` : 'a secret '}in plain text: use a Secret (valueFrom.secretKeyRef)`,
          span,
        });
      }
    }
  },
};
