import { hostModeRule } from '../host-mode.js';

export const DE3003 = hostModeRule('ipcMode', 'IPC namespace', {
  id: 'DE3003',
  title: 'Task shares the host IPC namespace (ipcMode host)',
  severity: 'high',
  why: "The host IPC namespace exposes the instance's shared memory and semaphores to the containers.",
  fix: 'Remove `ipcMode`, or use `"ipcMode": "task"` to share IPC only inside the task.',
  aliases: [],
});
