import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK3003 } from './DK3003.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK3003, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n    - name: PASSWORD_FILE\n      value: /run/secrets/db\n    - name: LOG_LEVEL\n      value: debug\n`,
    {
      name: 'empty values and references',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    env:\n    - name: API_TOKEN\n      value: ""\n    - name: AUTH_TOKEN\n      value: $(API_TOKEN)\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    env:\n    - name: DB_PASSWORD\n      value: hunter2\n`,
      errors: [{ line: 11, column: 7, message: 'container "a" of Pod "p" sets DB_PASSWORD to a secret in plain text' }],
    },
    {
      name: 'credential-shaped value under any name; the value is not printed',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    env:\n    - {name: DATABASE_URL, value: "postgres://app:s3cr3t@db:5432/app"}\n`,
      errors: [{ line: 10, message: /sets DATABASE_URL to a URL with a password in plain text[^3]*$/ }],
    },
  ],
});
