import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC2002 } from './DC2002.js';

manifestRuleTester(DC2002, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: app:1\n    read_only: true\n',
    {
      name: 'from an anchor',
      code: 'x-hardened: &hardened\n  read_only: true\nservices:\n  web:\n    <<: *hardened\n    image: app:1\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1 # the app\n\n  db:\n    image: postgres:16\n',
      errors: [
        { line: 2, column: 3, message: 'service "web" has a writable root filesystem' },
        { line: 5, column: 3, message: 'service "db"' },
      ],
      output:
        'services:\n  web:\n    image: app:1 # the app\n    read_only: true\n\n  db:\n    image: postgres:16\n    read_only: true\n',
    },
    {
      code: 'services:\n  web:\n    image: app:1\n    read_only: false\n',
      errors: [{ line: 4, column: 5, message: 'sets read_only: false' }],
      output: 'services:\n  web:\n    image: app:1\n    read_only: true\n',
    },
    {
      name: 'CRLF line ends and four-space indentation are kept',
      code: 'services:\r\n    web:\r\n        image: app:1\r\n',
      errors: 1,
      output: 'services:\r\n    web:\r\n        image: app:1\r\n        read_only: true\r\n',
    },
  ],
});
