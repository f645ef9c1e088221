import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1009 } from './DK1009.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1009, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n    ports:\n    - containerPort: 8080\n`,
    {
      name: 'hostPort 0 means none',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    ports:\n    - containerPort: 8080\n      hostPort: 0\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    ports:\n    - containerPort: 80\n      hostPort: 80\n`,
      errors: [{ line: 11, column: 7, message: 'container "a" of Pod "p" binds host port 80 (PSS baseline)' }],
    },
    {
      name: 'init container',
      code: `${POD}  initContainers:\n  - name: i\n    image: a:1\n    ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]\n  containers: []\n`,
      errors: [{ line: 9, message: 'init container "i"' }],
    },
  ],
});
