import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK5002 } from './DK5002.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';
const DIGEST = 'sha256:2d2a5f8e1f1b9c2d6e6f3a0b4c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9';

manifestRuleTester(DK5002, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: python:3.12-slim@${DIGEST}\n`,
    `${POD}  containers:\n  - name: a\n    image: ghcr.io/org/app@${DIGEST}\n`,
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: python:3.12-slim\n`,
      errors: [{ line: 8, column: 12, message: 'container "a" of Pod "p" uses python:3.12-slim without a digest' }],
    },
    {
      name: 'every container',
      code: `${POD}  containers:\n  - {name: a, image: nginx}\n  - {name: b, image: "redis:7"}\n`,
      errors: [
        { line: 7, message: 'nginx' },
        { line: 8, message: 'redis:7' },
      ],
    },
  ],
});
