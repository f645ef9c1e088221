import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1013 } from './DK1013.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1013, checkKubernetesText, 'pod.yaml', {
  valid: [
    { name: 'unset is allowed by baseline', code: `${POD}  containers:\n  - name: a\n    image: a:1\n` },
    {
      name: 'container overrides an unconfined pod',
      code: `${POD}  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile:\n        type: Unconfined\n`,
      errors: [
        { line: 11, column: 15, message: 'container "a" of Pod "p" runs with seccomp Unconfined (PSS baseline)' },
      ],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault\n`,
    },
    {
      name: 'legacy annotation',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
      errors: [{ line: 6, message: '(annotation)' }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
    },
  ],
});
