import { hostNamespaceRule } from '../host-namespace.js';

export const DC3001 = hostNamespaceRule('network_mode', 'network stack', {
  id: 'DC3001',
  title: 'Service uses the host network',
  severity: 'high',
  why: 'With the host network the container can bind any host port, reach services listening on localhost and sniff or spoof host traffic; port isolation is gone (CIS Docker Benchmark 5.9).',
  fix: 'Remove `network_mode: host` and publish the ports the service needs with `ports:`.',
  aliases: ['071a71ff-f868-47a4-ac0b-3c59e4ab5443'],
});
