import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC4002 } from './DC4002.js';

manifestRuleTester(DC4002, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n',
    {
      name: 'hard-coded values are DC4001',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=changeme\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=${POSTGRES_PW}\n      - API_TOKEN\n',
      errors: [
        { line: 5, column: 9, message: 'passes secret POSTGRES_PASSWORD through its environment (${POSTGRES_PW})' },
        { line: 6, column: 9, message: 'API_TOKEN through its environment from the shell' },
      ],
    },
    {
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD:\n      GITHUB_TOKEN: $GH_TOKEN\n',
      errors: [
        { line: 5, column: 7 },
        { line: 6, column: 7 },
      ],
    },
  ],
});
