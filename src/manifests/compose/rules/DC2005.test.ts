import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC2005 } from './DC2005.js';

manifestRuleTester(DC2005, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n',
    'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - CAP_NET_BIND_SERVICE\n',
  ],
  invalid: [
    {
      code: 'services:\n  vpn:\n    image: wg:1\n    cap_add:\n      - NET_ADMIN # routing\n      - SYS_MODULE\n',
      errors: [
        { line: 5, column: 9, message: 'adds capability NET_ADMIN, which is close to root on the host' },
        { line: 6, column: 9, message: 'SYS_MODULE' },
      ],
    },
    {
      code: 'services:\n  app:\n    image: app:1\n    cap_add: [chown]\n',
      errors: [{ line: 4, column: 15, message: /adds capability CHOWN$/ }],
    },
  ],
});
