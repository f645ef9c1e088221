import { hostNamespaceRule } from '../host-namespace.js';

export const DC3002 = hostNamespaceRule('pid', 'process namespace', {
  id: 'DC3002',
  title: 'Service shares the host PID namespace',
  severity: 'high',
  why: 'In the host PID namespace the container sees every host process and, as root, can signal or ptrace them and read their environment (CIS Docker Benchmark 5.15).',
  fix: 'Remove `pid: host`.',
  aliases: ['4f31dd9f-2cc3-4751-9b53-67e4af83dac0'],
});
