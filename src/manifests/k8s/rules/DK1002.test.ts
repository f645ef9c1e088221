import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1002 } from './DK1002.js';

manifestRuleTester(DK1002, checkKubernetesText, 'pod.yaml', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n',
    {
      name: 'explicit false',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: false\n  containers: []\n',
    },
    {
      name: 'not a workload',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  hostNetwork: true\n',
    },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n  - name: web\n    image: nginx:1.27\n',
      errors: [
        {
          line: 6,
          column: 3,
          message: 'Pod "web" sets hostNetwork: true, so its containers share the node\'s network stack (PSS baseline)',
        },
      ],
    },
    {
      name: 'CronJob, in a List, in the second document',
      code: '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: batch/v1\n  kind: CronJob\n  metadata:\n    name: nightly\n  spec:\n    schedule: "0 2 * * *"\n    jobTemplate:\n      spec:\n        template:\n          spec:\n            hostNetwork: yes\n            containers:\n            - name: job\n              image: job:1\n',
      errors: [{ line: 20, column: 13, message: 'CronJob "nightly"' }],
    },
  ],
});
