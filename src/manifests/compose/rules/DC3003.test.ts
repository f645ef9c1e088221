import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC3003 } from './DC3003.js';

manifestRuleTester(DC3003, checkComposeText, 'docker-compose.yml', {
  valid: ['services:\n  web:\n    image: app:1\n', 'services:\n  web:\n    image: app:1\n    ipc: shareable\n'],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n    ipc: host\n',
      errors: [{ line: 4, column: 5, message: '(ipc: host)' }],
    },
    {
      name: 'quoted, upper case, inherited from an anchor',
      code: 'x-h: &h\n  ipc: "HOST"\nservices:\n  web:\n    <<: *h\n    image: app:1\n',
      errors: [{ line: 2, column: 3 }],
    },
  ],
});
