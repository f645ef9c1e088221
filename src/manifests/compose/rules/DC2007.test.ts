import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC2007 } from './DC2007.js';

manifestRuleTester(DC2007, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: app:1\n    security_opt: [no-new-privileges:true, seccomp:./profile.json]\n',
    'services:\n  web:\n    image: app:1\n',
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n    security_opt:\n      - seccomp:unconfined\n      - apparmor=unconfined\n',
      errors: [
        { line: 5, column: 9, message: 'disables confinement (seccomp:unconfined)' },
        { line: 6, column: 9, message: 'apparmor=unconfined' },
      ],
    },
    {
      code: 'services:\n  web:\n    image: app:1\n    security_opt: ["label:disable"]\n',
      errors: [{ message: 'label:disable' }],
    },
  ],
});
