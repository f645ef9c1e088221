import { manifestRuleTester } from '../../rule-tester.js';
import { checkKubernetesText } from '../index.js';
import { DK3001 } from './DK3001.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n';

manifestRuleTester(DK3001, checkKubernetesText, 'pod.yaml', {
  valid: [
    `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      readOnlyRootFilesystem: true\n`,
    {
      name: 'YAML 1.1 capitals',
      code: `${POD}  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      readOnlyRootFilesystem: True\n`,
    },
  ],
  invalid: [
    {
      code: `${POD}  containers:\n  - name: a # the app\n    image: a:1\n`,
      errors: [{ line: 7, column: 5, message: 'container "a" of Pod "p" has a writable root file system' }],
      output: `${POD}  containers:\n  - name: a # the app\n    image: a:1\n    securityContext:\n      readOnlyRootFilesystem: true\n`,
    },
    {
      name: 'explicit false, CRLF line breaks',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: a\r\n    securityContext:\r\n      readOnlyRootFilesystem: false\r\n    image: a:1\r\n',
      errors: [{ line: 9, column: 31, message: 'sets readOnlyRootFilesystem: false' }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: a\r\n    securityContext:\r\n      readOnlyRootFilesystem: true\r\n    image: a:1\r\n',
    },
  ],
});
