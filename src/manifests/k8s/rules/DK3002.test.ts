import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK3002 } from './DK3002.js';

manifestRuleTester(DK3002, checkKubernetesText, 'pod.yaml', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  automountServiceAccountToken: false\n  containers: []\n',
    {
      name: 'the ServiceAccount in the same file turns it off',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\nautomountServiceAccountToken: false\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      serviceAccountName: app\n      containers: []\n',
    },
  ],
  invalid: [
    {
      name: 'unset on a Deployment: reported at the pod spec key',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:1\n',
      errors: [{ line: 7, column: 5, message: 'Deployment "d" mounts the service account token (default) by default' }],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:1\n      automountServiceAccountToken: false\n',
    },
    {
      name: 'explicit true, and a ServiceAccount that does not turn it off',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: app\n  automountServiceAccountToken: true\n  containers: []\n',
      errors: [{ line: 12, column: 33, message: 'sets automountServiceAccountToken: true' }],
      output:
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: app\n  automountServiceAccountToken: false\n  containers: []\n',
    },
  ],
});
