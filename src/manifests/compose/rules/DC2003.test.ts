import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC2003 } from './DC2003.js';

manifestRuleTester(DC2003, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: app:1\n',
    'services:\n  web:\n    image: app:1\n    read_only: true\n    tmpfs: /tmp:size=64m\n',
    {
      name: 'a volume covers the path',
      code: 'services:\n  db:\n    image: postgres:16\n    read_only: true\n    tmpfs: [/tmp]\n    volumes:\n      - run:/var/run/postgresql\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n    read_only: true\n',
      errors: [{ line: 4, column: 5, message: '/tmp is not writable' }],
      output: 'services:\n  web:\n    image: app:1\n    read_only: true\n    tmpfs:\n      - /tmp\n',
    },
    {
      name: 'nginx writes its cache and pid file; an existing list is extended',
      code: 'services:\n  proxy:\n    image: nginx:1.27-alpine\n    read_only: true\n    tmpfs:\n    - /tmp\n',
      errors: [{ message: '/var/cache/nginx, /var/run are not writable' }],
      output:
        'services:\n  proxy:\n    image: nginx:1.27-alpine\n    read_only: true\n    tmpfs:\n    - /tmp\n    - /var/cache/nginx\n    - /var/run\n',
    },
    {
      name: 'a single tmpfs string becomes a list',
      code: 'services:\n  db:\n    image: postgres:16\n    read_only: true\n    tmpfs: /var/run/postgresql\n',
      errors: 1,
      output:
        'services:\n  db:\n    image: postgres:16\n    read_only: true\n    tmpfs:\n      - /var/run/postgresql\n      - /tmp\n',
    },
  ],
});
