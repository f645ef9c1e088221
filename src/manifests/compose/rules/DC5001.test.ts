import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC5001 } from './DC5001.js';

const DIGEST = 'sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5';

manifestRuleTester(DC5001, checkComposeText, 'docker-compose.yml', {
  valid: [
    `services:\n  db:\n    image: postgres:16@${DIGEST}\n`,
    {
      name: 'built here: the image names the build result',
      code: 'services:\n  web:\n    build: .\n    image: migrate-platform:latest\n',
    },
    { name: 'fully interpolated', code: 'services:\n  web:\n    image: ${WEB_IMAGE}\n' },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis\n',
      errors: [
        { line: 3, column: 12, message: 'pulls postgres:16 by tag 16, not by digest' },
        { line: 5, column: 12, message: 'by no tag (latest)' },
      ],
    },
    {
      code: 'services:\n  web:\n    image: "ghcr.io/org/web:${TAG:-latest}"\n',
      errors: [{ line: 3, column: 12, message: 'not by digest' }],
    },
  ],
});
