import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE3001 } from './DE3001.js';

manifestRuleTester(DE3001, checkEcsText, 'task-definition.json', {
  valid: [
    '{"networkMode": "awsvpc", "containerDefinitions": [{"name": "web"}]}',
    '{"containerDefinitions": [{"name": "web"}]}',
  ],
  invalid: [
    {
      name: 'reported once for a task with two containers',
      code: '{\n  "networkMode": "host",\n  "containerDefinitions": [{ "name": "a" }, { "name": "b" }]\n}\n',
      errors: [{ line: 2, column: 3, message: '(networkMode host)' }],
    },
    {
      path: 'template.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: host\n      ContainerDefinitions:\n        - Name: web\n',
      errors: [{ line: 5, column: 7 }],
    },
  ],
});
