import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE2003 } from './DE2003.js';

manifestRuleTester(DE2003, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "linuxParameters": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}]}',
    '{"containerDefinitions": [{"name": "web"}]}',
  ],
  invalid: [
    {
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "xray",\n      "linuxParameters": { "capabilities": { "add": ["SYS_PTRACE", "CAP_NET_ADMIN"] } }\n    }\n  ]\n}\n',
      errors: [
        { line: 5, column: 54, message: 'container "xray" adds capability SYS_PTRACE' },
        { line: 5, column: 68, message: 'NET_ADMIN' },
      ],
    },
    {
      path: 'template.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          LinuxParameters:\n            Capabilities:\n              Add:\n                - SYS_ADMIN\n',
      errors: [{ line: 10, column: 19, message: 'SYS_ADMIN' }],
    },
  ],
});
