import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE2001 } from './DE2001.js';

manifestRuleTester(DE2001, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "image": "app:1", "user": "appuser"}]}',
    '{"containerDefinitions": [{"name": "web", "image": "gcr.io/distroless/python3-debian12:nonroot"}]}',
    { name: 'uid:gid', code: '{"containerDefinitions": [{"name": "web", "image": "app:1", "user": "1000:1000"}]}' },
  ],
  invalid: [
    {
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "python:3.12-slim"\n    }\n  ]\n}\n',
      errors: [
        { line: 4, column: 7, message: "sets no user: it runs as the image's USER, root unless the image sets one" },
      ],
      output:
        '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "python:3.12-slim",\n      "user": "1000"\n    }\n  ]\n}\n',
    },
    {
      name: 'the firelens router runs as "0"',
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "log_router",\n      "user": "0",\n      "essential": true\n    }\n  ]\n}\n',
      errors: [{ line: 5, column: 7, message: 'runs as root (user 0)' }],
      output:
        '{\n  "containerDefinitions": [\n    {\n      "name": "log_router",\n      "user": "1000",\n      "essential": true\n    }\n  ]\n}\n',
    },
  ],
});
