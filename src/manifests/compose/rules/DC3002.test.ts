import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC3002 } from './DC3002.js';

manifestRuleTester(DC3002, checkComposeText, 'docker-compose.yml', {
  valid: ['services:\n  web:\n    image: app:1\n', 'services:\n  web:\n    image: app:1\n    pid: service:other\n'],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n    pid: host\n',
      errors: [{ line: 4, column: 5, message: '(pid: host)' }],
    },
    {
      name: 'quoted, upper case, inherited from an anchor',
      code: 'x-h: &h\n  pid: "HOST"\nservices:\n  web:\n    <<: *h\n    image: app:1\n',
      errors: [{ line: 2, column: 3 }],
    },
  ],
});
