import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE6002 } from './DE6002.js';

manifestRuleTester(DE6002, checkEcsText, 'task-definition.json', {
  valid: [
    '{"taskRoleArn": "arn:aws:iam::1:role/web", "executionRoleArn": "arn:aws:iam::1:role/ecsTaskExecutionRole", "containerDefinitions": [{"name": "web"}]}',
    '{"executionRoleArn": "arn:aws:iam::1:role/ecsTaskExecutionRole", "containerDefinitions": [{"name": "web"}]}',
  ],
  invalid: [
    {
      code: '{\n  "taskDefinition": {\n    "taskRoleArn": "arn:aws:iam::11111111111:role/ecsTaskExecutionRole",\n    "executionRoleArn": "arn:aws:iam::11111111111:role/ecsTaskExecutionRole",\n    "containerDefinitions": [{ "name": "a" }, { "name": "b" }]\n  }\n}\n',
      errors: [
        {
          line: 3,
          column: 5,
          message: 'the task role is the execution role (arn:aws:iam::11111111111:role/ecsTaskExecutionRole)',
        },
      ],
    },
    {
      path: 'template.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      TaskRoleArn: !GetAtt Role.Arn\n      ExecutionRoleArn: !GetAtt Role.Arn\n      ContainerDefinitions:\n        - Name: web\n',
      errors: [{ line: 5, column: 7 }],
    },
  ],
});
