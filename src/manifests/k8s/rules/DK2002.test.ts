import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK2002 } from './DK2002.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK2002, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      allowPrivilegeEscalation: false\n`,
    {
      name: 'pod-level does not exist for this field; no containers, nothing to say',
      code: `${POD}  containers: []\n`,
    },
  ],
  invalid: [
    {
      name: 'missing securityContext: the guide block starts',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n`,
      errors: [
        {
          line: 7,
          column: 5,
          message: 'container "a" of Pod "p" does not set allowPrivilegeEscalation: false (PSS restricted)',
        },
      ],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      allowPrivilegeEscalation: false\n`,
    },
    {
      name: 'explicit true; another container with an existing securityContext',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      allowPrivilegeEscalation: true\n  - name: b\n    image: b:1\n    securityContext:\n      runAsNonRoot: true\n`,
      errors: [
        { line: 10, column: 33, message: 'sets allowPrivilegeEscalation: true' },
        { line: 13, column: 5 },
      ],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      allowPrivilegeEscalation: false\n  - name: b\n    image: b:1\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n`,
    },
    {
      name: 'JSON stays JSON',
      path: 'pod.json',
      code: '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "containers": [\n      {\n        "name": "a",\n        "image": "a:1"\n      }\n    ]\n  }\n}\n',
      errors: 1,
      output:
        '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "containers": [\n      {\n        "name": "a",\n        "image": "a:1",\n        "securityContext": {\n          "allowPrivilegeEscalation": false\n        }\n      }\n    ]\n  }\n}\n',
    },
  ],
});
