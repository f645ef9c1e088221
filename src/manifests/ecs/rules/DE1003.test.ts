import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE1003 } from './DE1003.js';

manifestRuleTester(DE1003, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web", "image": "app:1"}]}',
    '{"containerDefinitions": [{"name": "web", "readonlyRootFilesystem": true, "mountPoints": [{"sourceVolume": "t", "containerPath": "/tmp"}]}], "volumes": [{"name": "t"}]}',
    {
      name: 'linuxParameters.tmpfs (EC2)',
      code: '{"containerDefinitions": [{"name": "web", "readonlyRootFilesystem": true, "linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 64}]}}]}',
    },
  ],
  invalid: [
    {
      code: '{\n  "family": "web",\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1",\n      "readonlyRootFilesystem": true\n    }\n  ]\n}\n',
      errors: [
        { line: 7, column: 7, message: 'container "web" has a read-only root filesystem but /tmp is not writable' },
      ],
      output:
        '{\n  "family": "web",\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "app:1",\n      "readonlyRootFilesystem": true,\n      "mountPoints": [\n        {\n          "sourceVolume": "web-tmp",\n          "containerPath": "/tmp"\n        }\n      ]\n    }\n  ],\n  "volumes": [\n    {\n      "name": "web-tmp"\n    }\n  ]\n}\n',
    },
    {
      name: 'nginx with existing mounts and volumes; the name web-tmp is taken',
      code: '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "nginx:1.27",\n      "readonlyRootFilesystem": true,\n      "mountPoints": [{ "sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d", "readOnly": true }]\n    }\n  ],\n  "volumes": [{ "name": "conf" }, { "name": "web-tmp" }]\n}\n',
      errors: [{ message: '/tmp, /var/cache/nginx, /var/run are not writable' }],
      output:
        '{\n  "containerDefinitions": [\n    {\n      "name": "web",\n      "image": "nginx:1.27",\n      "readonlyRootFilesystem": true,\n      "mountPoints": [{ "sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d", "readOnly": true }, { "sourceVolume": "web-tmp-2", "containerPath": "/tmp" }, { "sourceVolume": "web-var-cache-nginx", "containerPath": "/var/cache/nginx" }, { "sourceVolume": "web-var-run", "containerPath": "/var/run" }]\n    }\n  ],\n  "volumes": [{ "name": "conf" }, { "name": "web-tmp" }, { "name": "web-tmp-2" }, { "name": "web-var-cache-nginx" }, { "name": "web-var-run" }]\n}\n',
    },
    {
      name: 'CloudFormation YAML',
      path: 'template.yml',
      code: 'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: api\n          Image: !Sub "${AWS::AccountId}.dkr.ecr.us-east-1.amazonaws.com/api:1"\n          ReadonlyRootFilesystem: true\n',
      errors: 1,
      output:
        'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: api\n          Image: !Sub "${AWS::AccountId}.dkr.ecr.us-east-1.amazonaws.com/api:1"\n          ReadonlyRootFilesystem: true\n          MountPoints:\n            - SourceVolume: api-tmp\n              ContainerPath: /tmp\n      Volumes:\n        - Name: api-tmp\n',
    },
    {
      name: 'a bare array has no task to hold a volume: reported without a fix',
      path: 'containers.json',
      code: '[{"name": "web", "image": "app:1", "essential": true, "readonlyRootFilesystem": true}]',
      errors: [{ message: 'add a task volume and a mount point' }],
    },
  ],
});
