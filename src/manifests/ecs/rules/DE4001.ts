import { isScalar } from 'yaml';
import { credentialValue, secretName } from '../../../dockerfile/secret-patterns.js';
import type { ManifestRule } from '../../rule.js';
import { spanOf, stringOf } from '../../yaml-nodes.js';
import { type EcsContainer, ecsValue, mapItems } from '../subjects.js';

export const DE4001: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE4001',
    kind: 'ecs',
    title: 'Secret in environment instead of secrets',
    severity: 'high',
    why: 'Values in `environment` are stored in plain text in the task definition: anyone with ecs:DescribeTaskDefinition, the console or CloudTrail sees them, and every revision keeps them (AWS Security Hub ECS.8).',
    fix: 'Move it to `"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:…"}]` (Secrets Manager or SSM Parameter Store), injected at start and never stored in the task definition.',
    aliases: ['AVD-AWS-0036'],
    peerNotes:
      'Trivy AVD-AWS-0036 flags any variable whose name contains password, secret, token, api_key, private_key or the AWS key names, with any value (also `PASSWORD_FILE`, `TOKEN_URL`, empty values). drydock matches name parts between `_` boundaries and skips `_FILE`/`_PATH`/`_URL`-style names and empty values, as the Dockerfile rule DD6001 does, and also flags credential-shaped values (AWS keys, tokens, URLs with a password) under any name.',
    example: {
      bad: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1.0",\n      "environment": [{ "name": "DATABASE_PASSWORD", "value": "changeme" }]\n    }\n  ]\n}',
      good: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1.0",\n      "secrets": [\n        { "name": "DATABASE_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }\n      ]\n    }\n  ]\n}',
    },
  },
  check({ subject, report }) {
    for (const entry of mapItems(ecsValue(subject, subject.map, 'environment'))) {
      const name = stringOf(ecsValue(subject, entry, 'name'));
      const valueNode = ecsValue(subject, entry, 'value');
      if (!name || !valueNode) continue;
      // A CloudFormation reference (`{"Ref": …}`, `!Sub`) still lands in the task definition as plain text.
      const value = isScalar(valueNode) ? stringOf(valueNode) : '(reference)';
      if (!value?.trim()) continue;
      const shape = isScalar(valueNode) ? credentialValue(value) : undefined;
      if (!shape && !secretName(name)) continue;
      report({
        message: shape
          ? `container "${subject.name}" has ${shape} in environment variable ${name}: use secrets`
          : `container "${subject.name}" passes secret ${name} in plain environment: use secrets (valueFrom)`,
        span: spanOf(entry),
      });
    }
  },
};
