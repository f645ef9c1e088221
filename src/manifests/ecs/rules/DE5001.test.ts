import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE5001 } from './DE5001.js';

const DIGEST = 'sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5';

manifestRuleTester(DE5001, checkEcsText, 'task-definition.json', {
  valid: [
    `{"containerDefinitions": [{"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4@${DIGEST}"}]}`,
    {
      name: 'CloudFormation Ref: resolved at deploy time',
      path: 'stack.json',
      code: '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "web", "Image": {"Ref": "ImageUri"}}]}}}}',
    },
  ],
  invalid: [
    {
      code: '{\n  "containerDefinitions": [\n    { "name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/migrate-platform:latest" }\n  ]\n}\n',
      errors: [{ line: 3, column: 31, message: 'by the moving tag latest, not by digest' }],
    },
    {
      code: '[{"name": "consul", "image": "consul", "essential": true}, {"name": "fb", "image": "amazon/aws-for-fluent-bit:stable", "essential": true}]',
      path: 'containers.json',
      errors: [{ message: 'pulls consul by no tag (latest)' }, { message: 'by tag stable' }],
    },
  ],
});
