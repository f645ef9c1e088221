import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE3003 } from './DE3003.js';

manifestRuleTester(DE3003, checkEcsText, 'task-definition.json', {
  valid: [
    '{"ipcMode": "task", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web"}]}',
    '{"containerDefinitions": [{"name": "web"}]}',
  ],
  invalid: [
    {
      name: 'reported once for a task with two containers',
      code: '{\n  "ipcMode": "host",\n  "containerDefinitions": [{ "name": "a" }, { "name": "b" }]\n}\n',
      errors: [{ line: 2, column: 3, message: '(ipcMode host)' }],
    },
    {
      path: 'template.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      IpcMode: host\n      ContainerDefinitions:\n        - Name: web\n',
      errors: [{ line: 5, column: 7 }],
    },
  ],
});
