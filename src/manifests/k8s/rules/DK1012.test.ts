import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK1012 } from './DK1012.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK1012, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n`,
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      procMount: Default\n`,
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      procMount: Unmasked\n`,
      errors: [{ line: 10, column: 18, message: 'sets procMount: Unmasked; only Default is allowed (PSS baseline)' }],
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      procMount: Default\n`,
    },
    {
      name: 'quoted value keeps its quotes',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      procMount: "Unmasked"\n`,
      errors: 1,
      output: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      procMount: "Default"\n`,
    },
  ],
});
