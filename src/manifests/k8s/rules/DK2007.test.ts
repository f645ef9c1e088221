import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK2007 } from './DK2007.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK2007, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE]\n`,
    {
      name: 'outside the baseline set is DK1006',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        add: [SYS_ADMIN]\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE, CHOWN]\n`,
      errors: [
        { line: 12, column: 33, message: 'adds capability CHOWN; only NET_BIND_SERVICE may be added (PSS restricted)' },
      ],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE]\n`,
    },
    {
      name: 'every add goes',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        add:\n        - SETUID\n        - SETGID\n        drop:\n        - ALL\n`,
      errors: 2,
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n`,
    },
  ],
});
