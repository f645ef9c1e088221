import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1008 } from './DK1008.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1008, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log\n`,
    {
      name: 'a socket file name elsewhere',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n  volumes:\n  - name: s\n    hostPath:\n      path: /home/docker.sock.bak\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n  volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock\n`,
      errors: [{ line: 12, column: 13, message: 'mounts the container runtime socket /var/run/docker.sock' }],
    },
    {
      name: 'containerd and CRI-O sockets',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n  volumes:\n  - name: c\n    hostPath: {path: /run/containerd/containerd.sock, type: Socket}\n  - name: o\n    hostPath: {path: /var/run/crio/crio.sock}\n`,
      errors: [{ line: 11 }, { line: 13 }],
    },
  ],
});
