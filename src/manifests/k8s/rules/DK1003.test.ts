import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1003 } from './DK1003.js';

manifestRuleTester(DK1003, checkKubernetesText, 'pod.yaml', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  shareProcessNamespace: true\n  containers:\n  - name: a\n    image: a:1\n',
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  template:\n    spec:\n      hostPID: false\n      containers:\n      - name: a\n        image: a:1\n',
  ],
  invalid: [
    {
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  template:\n    spec:\n      hostPID: true\n      containers:\n      - name: a\n        image: a:1\n',
      errors: [{ line: 8, column: 7, message: 'DaemonSet "ds" sets hostPID: true' }],
    },
    {
      name: 'JSON',
      path: 'pod.json',
      code: '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "hostPID": true,\n    "containers": [{"name": "a", "image": "a:1"}]\n  }\n}\n',
      errors: [{ line: 6, column: 5 }],
    },
  ],
});
