import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1001 } from './DK1001.js';

manifestRuleTester(DK1001, checkKubernetesText, 'pod.yaml', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n',
    {
      name: 'hostProcess false and other windowsOptions',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: false\n      runAsUserName: ContainerUser\n  containers:\n  - name: w\n    image: app:1\n',
    },
  ],
  invalid: [
    {
      name: 'pod level',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n  containers:\n  - name: agent\n    image: agent:1\n',
      errors: [{ line: 8, column: 7, message: 'Pod "agent" sets windowsOptions.hostProcess: true' }],
    },
    {
      name: 'container level in a Deployment',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: agent:1\n        securityContext:\n          windowsOptions: {hostProcess: true}\n',
      errors: [{ line: 12, message: /container "c" of Deployment "d".*\(PSS baseline\)$/ }],
    },
  ],
});
