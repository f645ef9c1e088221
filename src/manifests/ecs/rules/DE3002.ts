import { hostModeRule } from '../host-mode.js';

export const DE3002 = hostModeRule('pidMode', 'process namespace', {
  id: 'DE3002',
  title: 'Task shares the host PID namespace (pidMode host)',
  severity: 'high',
  why: 'In the host PID namespace the containers see every process on the instance and, as root, can signal or ptrace them (AWS Security Hub ECS.3).',
  fix: 'Remove `pidMode`, or use `"pidMode": "task"` to share processes only inside the task.',
  aliases: ['CKV_AWS_335'],
});
