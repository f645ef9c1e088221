import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC3001 } from './DC3001.js';

manifestRuleTester(DC3001, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: app:1\n',
    'services:\n  web:\n    image: app:1\n    network_mode: service:other\n',
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n    network_mode: host\n',
      errors: [{ line: 4, column: 5, message: '(network_mode: host)' }],
    },
    {
      name: 'quoted, upper case, inherited from an anchor',
      code: 'x-h: &h\n  network_mode: "HOST"\nservices:\n  web:\n    <<: *h\n    image: app:1\n',
      errors: [{ line: 2, column: 3 }],
    },
  ],
});
