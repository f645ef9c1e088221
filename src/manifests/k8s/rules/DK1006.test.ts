import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1006 } from './DK1006.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1006, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE]\n`,
    {
      name: 'baseline set',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        add:\n        - CHOWN\n        - SETUID\n`,
    },
  ],
  invalid: [
    {
      name: 'one of two removed',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        add:\n        - NET_BIND_SERVICE\n        - SYS_ADMIN\n`,
      errors: [{ line: 13, column: 11, message: 'adds capability SYS_ADMIN, outside the baseline set (PSS baseline)' }],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        add:\n        - NET_BIND_SERVICE\n`,
    },
    {
      name: 'all removed: the add key goes',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        add: [NET_RAW, SYS_MODULE]\n        drop: [ALL]\n`,
      errors: [
        { line: 11, message: 'NET_RAW' },
        { line: 11, message: 'SYS_MODULE' },
      ],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n`,
    },
    {
      name: 'names are compared exactly, as Pod Security admission does',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        add: [chown, ALL]\n`,
      errors: 2,
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities: {}\n`,
    },
  ],
});
