import { manifestRuleTester } from '../../rule-tester.js';
import { checkComposeText } from '../index.js';
import { DC2004 } from './DC2004.js';

manifestRuleTester(DC2004, checkComposeText, 'docker-compose.yml', {
  valid: [
    'services:\n  web:\n    image: app:1\n    cap_drop:\n      - ALL\n',
    'services:\n  web:\n    image: app:1\n    cap_drop: [all]\n    cap_add: [NET_BIND_SERVICE]\n',
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: app:1\n',
      errors: [{ line: 2, column: 3, message: "keeps Docker's default capabilities" }],
      output: 'services:\n  web:\n    image: app:1\n    cap_drop:\n      - ALL\n',
    },
    {
      name: 'a partial list gets ALL appended',
      code: 'services:\n  web:\n    image: app:1\n    cap_drop: [NET_RAW, MKNOD]\n',
      errors: [{ line: 4, column: 5, message: 'drops some capabilities but not ALL' }],
      output: 'services:\n  web:\n    image: app:1\n    cap_drop: [NET_RAW, MKNOD, ALL]\n',
    },
    {
      name: 'sequences written without indentation stay that way',
      code: 'services:\n  web:\n    image: app:1\n    ports:\n    - "80:80"\n',
      errors: 1,
      output: 'services:\n  web:\n    image: app:1\n    ports:\n    - "80:80"\n    cap_drop:\n    - ALL\n',
    },
  ],
});
