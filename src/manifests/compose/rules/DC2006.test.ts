import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC2006 } from './DC2006.js';

manifestRuleTester(DC2006, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: app:1\n    security_opt:\n      - no-new-privileges:true\n',
    'services:\n  web:\n    image: app:1\n    security_opt: ["no-new-privileges=true"]\n',
    { name: 'bare flag', code: 'services:\n  web:\n    image: app:1\n    security_opt: [no-new-privileges]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n',
      errors: [{ line: 2, column: 3, message: 'does not set no-new-privileges' }],
      output: 'services:\n  web:\n    image: app:1\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'other options are kept',
      code: 'services:\n  web:\n    image: app:1\n    security_opt:\n      - apparmor:docker-default\n',
      errors: [{ line: 4, column: 5 }],
      output:
        'services:\n  web:\n    image: app:1\n    security_opt:\n      - apparmor:docker-default\n      - no-new-privileges:true\n',
    },
    {
      code: "services:\n  web:\n    image: app:1\n    security_opt: ['no-new-privileges:false']\n",
      errors: [{ line: 4, column: 20, message: 'sets no-new-privileges to false' }],
      output: "services:\n  web:\n    image: app:1\n    security_opt: ['no-new-privileges:true']\n",
    },
  ],
});
