import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK2004 } from './DK2004.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK2004, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: a\n    image: a:1\n`,
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsUser: 10001\n`,
  ],
  invalid: [
    {
      code: `${POD}  securityContext:\n    runAsUser: 0\n  containers:\n  - name: a\n    image: a:1\n`,
      errors: [{ line: 7, column: 16, message: 'Pod "p" sets runAsUser: 0 (root) (PSS restricted)' }],
      output: `${POD}  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: a\n    image: a:1\n`,
    },
    {
      name: 'a container overriding a good pod value',
      code: `${POD}  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsUser: 0\n`,
      errors: [{ line: 12, message: 'container "a" of Pod "p" sets runAsUser: 0' }],
      output: `${POD}  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsUser: 1000\n`,
    },
  ],
});
