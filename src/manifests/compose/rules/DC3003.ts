import { hostNamespaceRule } from '../host-namespace.js';

export const DC3003 = hostNamespaceRule('ipc', 'IPC namespace', {
  id: 'DC3003',
  title: 'Service shares the host IPC namespace',
  severity: 'high',
  why: 'The host IPC namespace exposes host shared memory and semaphores to the container (CIS Docker Benchmark 5.16).',
  fix: 'Remove `ipc: host`; use `ipc: shareable` / `service:NAME` to share memory between services.',
  aliases: ['baa3890f-bed7-46f5-ab8f-1da8fc91c729'],
});
