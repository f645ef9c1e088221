import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE3002 } from './DE3002.js';

manifestRuleTester(DE3002, checkEcsText, 'task-definition.json', {
  valid: [
    '{"pidMode": "task", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web"}]}',
    '{"containerDefinitions": [{"name": "web"}]}',
  ],
  invalid: [
    {
      name: 'reported once for a task with two containers',
      code: '{\n  "pidMode": "host",\n  "containerDefinitions": [{ "name": "a" }, { "name": "b" }]\n}\n',
      errors: [{ line: 2, column: 3, message: '(pidMode host)' }],
    },
    {
      path: 'template.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      PidMode: host\n      ContainerDefinitions:\n        - Name: web\n',
      errors: [{ line: 5, column: 7 }],
    },
  ],
});
