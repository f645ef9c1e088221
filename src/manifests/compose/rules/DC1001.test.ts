import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC1001 } from './DC1001.js';

manifestRuleTester(DC1001, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n',
    { name: 'string false', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: "false"\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true # needs devices\n',
      errors: [{ line: 4, column: 5, message: 'service "web" runs privileged' }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false # needs devices\n',
    },
    {
      name: 'inherited from an anchor: the service gets its own key, the anchor is kept',
      code: 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: app:1\n',
      errors: [{ line: 2, column: 3 }],
      output:
        'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: app:1\n    privileged: false\n',
    },
    {
      name: 'flow map service',
      code: 'services:\n  web: {image: app:1, privileged: yes}\n',
      errors: 1,
      output: 'services:\n  web: {image: app:1, privileged: false}\n',
    },
  ],
});
