import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1014 } from './DK1014.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1014, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  securityContext:\n    sysctls:\n    - name: kernel.shm_rmid_forced\n      value: "0"\n    - name: net.ipv4.tcp_keepalive_time\n      value: "600"\n  containers: []\n`,
    `${POD}  containers:\n  - name: a\n    image: a:1\n`,
  ],
  invalid: [
    {
      code: `${POD}  securityContext:\n    sysctls:\n    - name: net.core.somaxconn\n      value: "1024"\n    - name: kernel.msgmax\n      value: "65536"\n  containers: []\n`,
      errors: [
        {
          line: 8,
          column: 13,
          message: 'Pod "p" sets sysctl net.core.somaxconn, which is not in the safe set (PSS baseline)',
        },
        { line: 10, message: 'kernel.msgmax' },
      ],
    },
    {
      name: 'StatefulSet',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      securityContext:\n        sysctls: [{name: vm.overcommit_memory, value: "1"}]\n      containers: []\n',
      errors: [{ line: 9, message: 'StatefulSet "db" sets sysctl vm.overcommit_memory' }],
    },
  ],
});
