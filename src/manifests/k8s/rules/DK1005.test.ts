import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1005 } from './DK1005.js';

manifestRuleTester(DK1005, checkKubernetesText, 'pod.yaml', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: false\n',
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: true # needs the GPU\n',
      errors: [{ line: 10, column: 19, message: 'container "a" of Pod "p" is privileged' }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: false # needs the GPU\n',
    },
    {
      name: 'init and ephemeral containers too',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: a:1\n    securityContext: {privileged: true}\n  containers:\n  - name: a\n    image: a:1\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1\n    securityContext:\n      privileged: "true"\n',
      errors: [
        { line: 9, message: 'init container "init"' },
        { line: 17, message: 'ephemeral container "debug"' },
      ],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: a:1\n    securityContext: {privileged: false}\n  containers:\n  - name: a\n    image: a:1\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1\n    securityContext:\n      privileged: false\n',
    },
  ],
});
