import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK2001 } from './DK2001.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK2001, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers: []\n  volumes:\n  - name: a\n    emptyDir: {}\n  - name: b\n    secret:\n      secretName: s\n  - name: c\n    projected:\n      sources: []\n  - name: d\n`,
    `${POD}  containers: []\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\n`,
  ],
  invalid: [
    {
      code: `${POD}  containers: []\n  volumes:\n  - name: volume-a\n    scaleIO:\n      gateway: https://localhost:443/api\n`,
      errors: [
        {
          line: 9,
          column: 5,
          message: 'Pod "p" uses a scaleIO volume ("volume-a"), not an allowed volume type (PSS restricted)',
        },
      ],
    },
    {
      name: 'hostPath and nfs',
      code: `${POD}  containers: []\n  volumes:\n  - {name: h, hostPath: {path: /data}}\n  - name: n\n    nfs: {server: nfs, path: /}\n`,
      errors: [
        { line: 8, message: 'hostPath' },
        { line: 10, message: 'nfs' },
      ],
    },
  ],
});
