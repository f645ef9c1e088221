import { hostNamespaceRule } from '../host-namespace.js';

export const DC3004 = hostNamespaceRule('userns_mode', 'user namespace', {
  id: 'DC3004',
  title: 'Service opts out of user-namespace remapping',
  severity: 'medium',
  why: 'On a daemon with userns-remap, `userns_mode: host` makes root in the container root on the host again (CIS Docker Benchmark 5.30).',
  fix: 'Remove `userns_mode: host`.',
  aliases: ['8af7162d-6c98-482f-868e-0d33fb675ca8'],
});
