import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE1002 } from './DE1002.js';

manifestRuleTester(DE1002, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "image": "app:1", "readonlyRootFilesystem": true}]}',
    {
      name: 'CloudFormation JSON',
      path: 'stack.json',
      code: '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "web", "ReadonlyRootFilesystem": true}]}}}}',
    },
  ],
  invalid: [
    {
      name: 'tab-indented JSON keeps tabs',
      code: '{\n\t"containerDefinitions": [\n\t\t{\n\t\t\t"name": "web",\n\t\t\t"image": "app:1"\n\t\t}\n\t]\n}\n',
      errors: [{ line: 4, column: 4, message: 'container "web" has a writable root filesystem' }],
      output:
        '{\n\t"containerDefinitions": [\n\t\t{\n\t\t\t"name": "web",\n\t\t\t"image": "app:1",\n\t\t\t"readonlyRootFilesystem": true\n\t\t}\n\t]\n}\n',
    },
    {
      name: 'one-line container object, explicit false',
      code: '[{ "name": "web", "image": "app:1", "essential": true, "readonlyRootFilesystem": false }]',
      path: 'containers.json',
      errors: [{ line: 1, column: 56, message: 'sets readonlyRootFilesystem to false' }],
      output: '[{ "name": "web", "image": "app:1", "essential": true, "readonlyRootFilesystem": true }]',
    },
    {
      name: 'describe-task-definition output, container without a name',
      code: '{"taskDefinition": {"containerDefinitions": [{"image": "app:1"}]}}',
      errors: [{ line: 1, column: 46, message: 'container "#1"' }],
      output: '{"taskDefinition": {"containerDefinitions": [{"image": "app:1", "readonlyRootFilesystem": true}]}}',
    },
  ],
});
