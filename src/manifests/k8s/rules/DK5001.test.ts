import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK5001 } from './DK5001.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';
const DIGEST = 'sha256:2d2a5f8e1f1b9c2d6e6f3a0b4c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9';

manifestRuleTester(DK5001, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: nginx:1.27.3\n  - name: b\n    image: registry.example.com:5000/team/app:v2\n`,
    {
      name: 'a digest decides, whatever the tag',
      code: `${POD}  containers:\n  - name: a\n    image: nginx:latest@${DIGEST}\n  - name: b\n    image: "nginx@${DIGEST}"\n`,
    },
    {
      name: 'placeholders are filled in before deploy',
      code: `${POD}  containers:\n  - name: a\n    image: $(IMAGE)\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: nginx:latest\n`,
      errors: [{ line: 8, column: 12, message: 'container "a" of Pod "p" uses nginx:latest: name a version' }],
    },
    {
      name: 'no tag means latest; init containers too',
      code: `${POD}  initContainers:\n  - name: i\n    image: registry.example.com:5000/busybox\n  containers:\n  - name: a\n    image: "gcr.io/google-samples/gb-frontend:v4"\n`,
      errors: [{ line: 8, message: 'registry.example.com:5000/busybox (no tag, so :latest)' }],
    },
  ],
});
