import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK4002 } from './DK4002.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n';

manifestRuleTester(DK4002, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}    resources:\n      limits:\n        memory: 500m\n`,
    {
      name: 'ephemeral containers cannot have resources',
      code: `${POD}    resources: {limits: {memory: 1}}\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1\n`,
    },
  ],
  invalid: [
    {
      name: 'no resources at all: points at the container',
      code: POD,
      errors: [{ line: 7, column: 5, message: 'container "a" of Pod "p" has no memory limit' }],
    },
    {
      name: 'only the other settings: points at the closest key',
      code: `${POD}    resources:\n      requests:\n        memory: 1\n      limits:\n        cpu: 1\n  initContainers:\n  - name: init\n    image: a:1\n`,
      errors: [
        { line: 15, column: 5, message: 'init container "init"' },
        { line: 12, column: 7 },
      ],
    },
  ],
});
