import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1007 } from './DK1007.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1007, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n  volumes:\n  - name: tmp\n    emptyDir: {}\n  - name: cfg\n    configMap:\n      name: cfg\n`,
    {
      name: 'a PersistentVolume with hostPath is not a pod',
      code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  hostPath:\n    path: /data\n',
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log\n`,
      errors: [
        { line: 11, column: 5, message: 'Pod "p" mounts the node\'s /var/log (hostPath volume "logs") (PSS baseline)' },
      ],
    },
    {
      name: 'every hostPath volume',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n  volumes:\n  - {name: a, hostPath: {path: /}}\n  - name: b\n    hostPath:\n      path: /etc\n      type: Directory\n`,
      errors: [
        { line: 10, message: "node's / " },
        { line: 12, message: '/etc' },
      ],
    },
  ],
});
