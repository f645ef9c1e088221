import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK2005 } from './DK2005.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK2005, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: a\n    image: a:1\n`,
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}\n`,
    {
      name: 'Unconfined is DK1013',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile: {type: Unconfined}\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsNonRoot: true\n`,
      errors: [
        {
          line: 9,
          column: 5,
          message: 'has no seccomp profile (nor does the pod): it runs Unconfined by default (PSS restricted)',
        },
      ],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      runAsNonRoot: true\n      seccompProfile:\n        type: RuntimeDefault\n`,
    },
    {
      name: 'unknown type',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile:\n        type: LocalPort\n`,
      errors: [{ line: 11, message: 'has seccomp profile type LocalPort' }],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault\n`,
    },
  ],
});
