import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK2006 } from './DK2006.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK2006, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n`,
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities: {drop: [NET_RAW, ALL], add: [NET_BIND_SERVICE]}\n`,
  ],
  invalid: [
    {
      name: 'the guide block, in the file style (sequences not indented)',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n`,
      errors: [{ line: 7, message: 'container "a" of Pod "p" does not drop ALL capabilities (PSS restricted)' }],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n`,
    },
    {
      name: 'indented sequences, some dropped already',
      code: `${POD}  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        capabilities:\n          drop:\n            - NET_RAW\n`,
      errors: 1,
      output: `${POD}  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        capabilities:\n          drop:\n            - NET_RAW\n            - ALL\n`,
    },
    {
      name: 'lower-case all is rejected by Pod Security admission',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [all]\n`,
      errors: [{ line: 11, column: 16, message: 'drops "all"' }],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n`,
    },
  ],
});
