import { hostModeRule } from '../host-mode.js';

export const DE3001 = hostModeRule('networkMode', 'network stack', {
  id: 'DE3001',
  title: 'Task uses the host network (networkMode host)',
  severity: 'high',
  why: 'With host networking containers bind host ports directly, reach the instance metadata service and anything listening on localhost, and lose per-task security groups (AWS Security Hub ECS.1 flags it with root users).',
  fix: 'Use `"networkMode": "awsvpc"` (per-task ENI and security group) or `bridge`.',
  aliases: [],
});
