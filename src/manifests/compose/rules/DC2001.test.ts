import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC2001 } from './DC2001.js';

manifestRuleTester(DC2001, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: python:3.12-slim\n    user: "1000:1000"\n',
    'services:\n  web:\n    image: nginxinc/nginx-unprivileged:1.27\n',
    { name: 'named user', code: 'services:\n  web:\n    image: node:22\n    user: node\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: python:3.12-slim\n    ports:\n      - "8000:8000"\n',
      errors: [
        { line: 2, column: 3, message: "sets no user: it runs as the image's USER, root unless the image sets one" },
      ],
      output: 'services:\n  web:\n    image: python:3.12-slim\n    ports:\n      - "8000:8000"\n    user: "1000"\n',
    },
    {
      code: "services:\n  web:\n    image: app:1\n    user: '0:0'\n",
      errors: [{ line: 4, column: 5, message: 'runs as root (user: 0:0)' }],
      output: "services:\n  web:\n    image: app:1\n    user: '1000'\n",
    },
    {
      name: 'root by name, plain scalar',
      code: 'services:\n  web:\n    image: app:1\n    user: root\n    restart: always\n',
      errors: 1,
      output: 'services:\n  web:\n    image: app:1\n    user: "1000"\n    restart: always\n',
    },
  ],
});
