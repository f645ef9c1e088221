import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1004 } from './DK1004.js';

manifestRuleTester(DK1004, checkKubernetesText, 'pod.yaml', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostIPC: "false"\n  containers:\n  - name: a\n    image: a:1\n',
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostIPC: true\n  containers:\n  - name: a\n    image: a:1\n',
      errors: [{ line: 6, column: 3, message: "share the node's IPC" }],
    },
    {
      name: 'ReplicationController',
      code: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      hostIPC: True\n      containers:\n      - name: a\n        image: a:1\n',
      errors: [{ line: 8, message: 'ReplicationController "rc"' }],
    },
  ],
});
