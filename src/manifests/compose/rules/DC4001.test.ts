import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC4001 } from './DC4001.js';

manifestRuleTester(DC4001, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      POSTGRES_USER: app\n',
    {
      name: 'interpolated values are DC4002',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=${DB_PASSWORD}\n      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n',
    },
    {
      name: 'empty value',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD:\n',
    },
  ],
  invalid: [
    {
      name: 'map form',
      code: 'services:\n  web:\n    build: .\n    environment:\n      DATABASE_URL: postgres://migrate:changeme@db:5432/migrate\n      DATABASE_PASSWORD: changeme\n      DEBUG: "false"\n',
      errors: [
        { line: 5, column: 7, message: 'has a URL with a password written in environment variable DATABASE_URL' },
        { line: 6, column: 7, message: 'hard-coded secret in environment variable DATABASE_PASSWORD' },
      ],
    },
    {
      name: 'list form, a token shape under an innocent name',
      code: 'services:\n  bot:\n    image: bot:1\n    environment:\n      - MYSQL_ROOT_PASSWORD=nextcloud\n      - NOTIFY=xoxb-1234567890-abcdefghij\n',
      errors: [
        { line: 5, column: 9, message: 'MYSQL_ROOT_PASSWORD' },
        { line: 6, column: 9, message: 'a Slack token' },
      ],
    },
  ],
});
