import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE2004 } from './DE2004.js';

manifestRuleTester(DE2004, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "linuxParameters": {"initProcessEnabled": true}}]}',
    {
      path: 'stack.json',
      code: '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "web", "LinuxParameters": {"InitProcessEnabled": "true"}}]}}}}',
    },
  ],
  invalid: [
    {
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web"\n    }\n  ]\n}\n',
      errors: [{ line: 4, column: 7, message: 'container "web" runs without an init process' }],
      output:
        '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "linuxParameters": {\n        "initProcessEnabled": true\n      }\n    }\n  ]\n}\n',
    },
    {
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "linuxParameters": {}\n    }\n  ]\n}\n',
      errors: 1,
      output:
        '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "linuxParameters": {\n        "initProcessEnabled": true\n      }\n    }\n  ]\n}\n',
    },
    {
      code: '{"containerDefinitions": [{"name": "web", "linuxParameters": {"initProcessEnabled": false}}]}',
      errors: [{ column: 63 }],
      output: '{"containerDefinitions": [{"name": "web", "linuxParameters": {"initProcessEnabled": true}}]}',
    },
  ],
});
