import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE2002 } from './DE2002.js';

manifestRuleTester(DE2002, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "linuxParameters": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}]}',
    {
      name: 'CloudFormation',
      path: 'stack.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          LinuxParameters:\n            Capabilities:\n              Drop: [ALL]\n',
    },
  ],
  invalid: [
    {
      name: 'no linuxParameters: the guide block is added',
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1"\n    }\n  ]\n}\n',
      errors: [{ line: 4, column: 7, message: 'keeps the default capabilities' }],
      output:
        '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1",\n      "linuxParameters": {\n        "capabilities": {\n          "drop": ["ALL"]\n        }\n      }\n    }\n  ]\n}\n',
    },
    {
      name: 'existing linuxParameters and capabilities',
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "linuxParameters": {\n        "initProcessEnabled": true,\n        "capabilities": {\n          "add": ["NET_BIND_SERVICE"]\n        }\n      }\n    }\n  ]\n}\n',
      errors: 1,
      output:
        '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "linuxParameters": {\n        "initProcessEnabled": true,\n        "capabilities": {\n          "add": ["NET_BIND_SERVICE"],\n          "drop": ["ALL"]\n        }\n      }\n    }\n  ]\n}\n',
    },
    {
      name: 'a partial drop list',
      code: '{"containerDefinitions": [{"name": "web", "linuxParameters": {"capabilities": {"drop": ["NET_RAW"]}}}]}',
      errors: [{ line: 1, column: 80, message: 'drops some capabilities but not ALL' }],
      output:
        '{"containerDefinitions": [{"name": "web", "linuxParameters": {"capabilities": {"drop": ["NET_RAW", "ALL"]}}}]}',
    },
  ],
});
