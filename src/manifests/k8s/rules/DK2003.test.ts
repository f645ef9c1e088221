import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK2003 } from './DK2003.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK2003, checkKubernetesText, 'pod.yaml', {
  valid: [
    {
      name: 'pod level applies to every container',
      code: `${POD}  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: a:1\n  - name: b\n    image: b:1\n`,
    },
    {
      name: 'container level',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsNonRoot: true\n`,
    },
  ],
  invalid: [
    {
      name: 'unset everywhere',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n`,
      errors: [{ line: 7, column: 5, message: 'does not set runAsNonRoot: true (nor does the pod) (PSS restricted)' }],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsNonRoot: true\n`,
    },
    {
      name: 'the container wins over the pod',
      code: `${POD}  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsNonRoot: false\n`,
      errors: [
        { line: 12, column: 21, message: 'container "a" of Pod "p" runs with runAsNonRoot: false (PSS restricted)' },
      ],
      output: `${POD}  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsNonRoot: true\n`,
    },
    {
      name: 'inherited false is fixed where it is written',
      code: `${POD}  securityContext:\n    runAsNonRoot: false\n  containers:\n  - name: a\n    image: a:1\n  - name: b\n    image: b:1\n`,
      errors: [
        { line: 7, message: '(from the pod)' },
        { line: 7, message: 'container "b"' },
      ],
      output: `${POD}  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: a:1\n  - name: b\n    image: b:1\n`,
    },
  ],
});
