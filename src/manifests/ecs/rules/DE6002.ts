import { isNode } from 'yaml';
import type { ManifestRule } from '../../rule.js';
import { spanOf, stringOf } from '../../yaml-nodes.js';
import { type EcsContainer, ecsPair } from '../subjects.js';

export const DE6002: ManifestRule<EcsContainer> = {
  meta: {
    id: 'DE6002',
    kind: 'ecs',
    title: 'Task role is the execution role',
    severity: 'low',
    why: "The execution role pulls images and reads the task's secrets; when the application's task role is the same role, the app can read every secret and pull every image the agent can.",
    fix: 'Give the task its own `taskRoleArn` with only the permissions the application uses.',
    aliases: ['CKV_AWS_249'],
    example: {
      bad: '{\n  "family": "web",\n  "taskRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",\n  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",\n  "containerDefinitions": [{ "name": "web", "image": "app:1.0" }]\n}',
      good: '{\n  "family": "web",\n  "taskRoleArn": "arn:aws:iam::123456789012:role/web-task",\n  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",\n  "containerDefinitions": [{ "name": "web", "image": "app:1.0" }]\n}',
    },
  },
  check({ subject, report }) {
    const task = ecsPair(subject, subject.task, 'taskRoleArn');
    const execution = ecsPair(subject, subject.task, 'executionRoleArn');
    // Compared as data, so `{"Ref": "Role"}` twice (or `!Ref Role` twice) is the same role too.
    const role = isNode(task?.value) ? JSON.stringify(task.value.toJSON()) : undefined;
    const exec = isNode(execution?.value) ? JSON.stringify(execution.value.toJSON()) : undefined;
    if (!task || role === undefined || role !== exec) return;
    const shown = stringOf(task.value) ?? 'the same reference';
    report({ message: `the task role is the execution role (${shown})`, span: spanOf(task) });
  },
};
