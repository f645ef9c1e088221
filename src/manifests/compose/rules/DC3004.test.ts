import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC3004 } from './DC3004.js';

manifestRuleTester(DC3004, checkComposeText, 'docker-compose.yml', {
  valid: ['services:\n  web:\n    image: app:1\n', "services:\n  web:\n    image: app:1\n    userns_mode: ''\n"],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n    userns_mode: host\n',
      errors: [{ line: 4, column: 5, message: '(userns_mode: host)' }],
    },
    {
      name: 'quoted, upper case, inherited from an anchor',
      code: 'x-h: &h\n  userns_mode: "HOST"\nservices:\n  web:\n    <<: *h\n    image: app:1\n',
      errors: [{ line: 2, column: 3 }],
    },
  ],
});
