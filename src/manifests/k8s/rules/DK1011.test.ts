import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1011 } from './DK1011.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1011, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  securityContext:\n    seLinuxOptions:\n      level: "s0:c123,c456"\n  containers:\n  - name: a\n    image: a:1\n`,
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seLinuxOptions:\n        type: container_init_t\n`,
  ],
  invalid: [
    {
      code: `${POD}  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n  - name: a\n    image: a:1\n`,
      errors: [{ line: 8, column: 13, message: 'Pod "p" sets SELinux type spc_t' }],
    },
    {
      name: 'user and role on a container',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seLinuxOptions:\n        user: system_u\n        role: system_r\n`,
      errors: [
        { line: 11, message: 'SELinux user system_u' },
        { line: 12, message: 'SELinux role system_r' },
      ],
    },
  ],
});
