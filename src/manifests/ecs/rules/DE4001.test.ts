import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE4001 } from './DE4001.js';

manifestRuleTester(DE4001, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}]}]}',
    '{"containerDefinitions": [{"name": "web", "environment": [{"name": "enable_debug", "value": "true"}, {"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"}]}]}',
    {
      name: 'empty value',
      code: '{"containerDefinitions": [{"name": "web", "environment": [{"name": "API_TOKEN", "value": ""}]}]}',
    },
  ],
  invalid: [
    {
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "environment": [\n        { "name": "DATABASE_PASSWORD", "value": "changeme" },\n        { "name": "REGION", "value": "us-east-1" }\n      ]\n    }\n  ]\n}\n',
      errors: [
        {
          line: 6,
          column: 9,
          message: 'passes secret DATABASE_PASSWORD in plain environment: use secrets (valueFrom)',
        },
      ],
    },
    {
      name: 'a credential shape under an innocent name',
      code: '{"containerDefinitions": [{"name": "web", "environment": [{"name": "S3_KEY", "value": "AKIAIOSFODNN7EXAMPLE"}]}]}',
      errors: [{ message: 'has an AWS access key id in environment variable S3_KEY' }],
    },
    {
      name: 'CloudFormation reference: still plain text in the task definition',
      path: 'template.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Environment:\n            - Name: DB_PASSWORD\n              Value: !Ref DbPassword\n            - Name: API_TOKEN\n              Value: {"Fn::GetAtt": [Secret, Value]}\n',
      errors: [
        { line: 8, column: 15, message: 'DB_PASSWORD' },
        { line: 10, column: 15, message: 'API_TOKEN' },
      ],
    },
  ],
});
