import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1010 } from './DK1010.js';

manifestRuleTester(DK1010, checkKubernetesText, 'pod.yaml', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: runtime/default\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: localhost/k8s-nginx\nspec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n  containers:\n  - name: a\n    image: a:1\n',
    {
      name: 'annotation for another container name',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/other: unconfined\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
    },
  ],
  invalid: [
    {
      name: 'annotation on a Deployment template',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/a: unconfined\n    spec:\n      containers:\n      - name: a\n        image: a:1\n',
      errors: [{ line: 9, column: 59, message: 'has AppArmor profile "unconfined"' }],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/a: runtime/default\n    spec:\n      containers:\n      - name: a\n        image: a:1\n',
    },
    {
      name: 'appArmorProfile inherited from the pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    appArmorProfile:\n      type: Unconfined\n  containers:\n  - name: a\n    image: a:1\n  - name: b\n    image: b:1\n    securityContext:\n      appArmorProfile: {type: Localhost, localhostProfile: b}\n',
      errors: [{ line: 8, message: 'container "a" of Pod "p" has appArmorProfile type Unconfined (from the pod)' }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n  containers:\n  - name: a\n    image: a:1\n  - name: b\n    image: b:1\n    securityContext:\n      appArmorProfile: {type: Localhost, localhostProfile: b}\n',
    },
  ],
});
