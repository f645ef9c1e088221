import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE1001 } from './DE1001.js';

manifestRuleTester(DE1001, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "image": "app:1", "privileged": false}]}',
    '{"containerDefinitions": [{"name": "web", "image": "app:1"}]}',
  ],
  invalid: [
    {
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "privileged": true\n    }\n  ]\n}\n',
      errors: [{ line: 5, column: 7, message: 'container "web" runs privileged' }],
      output: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "privileged": false\n    }\n  ]\n}\n',
    },
    {
      name: 'CloudFormation YAML',
      path: 'template.yaml',
      code: 'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Image: app:1\n          Privileged: "true"\n',
      errors: [{ line: 8, column: 11 }],
      output:
        'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Image: app:1\n          Privileged: "false"\n',
    },
  ],
});
