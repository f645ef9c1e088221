import { manifestRuleTester } from '../../rule-tester.js';
import { checkEcsText } from '../index.js';
import { DE6001 } from './DE6001.js';

manifestRuleTester(DE6001, checkEcsText, 'task-definition.json', {
  valid: [
    '{"containerDefinitions": [{"name": "web"}], "volumes": [{"name": "d", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "transitEncryption": "ENABLED"}}]}',
    '{"containerDefinitions": [{"name": "web"}], "volumes": [{"name": "scratch"}, {"name": "h", "host": {"sourcePath": "/data"}}]}',
  ],
  invalid: [
    {
      name: 'explicitly disabled (the firelens EFS example)',
      code: '{\n  "containerDefinitions": [{ "name": "web" }],\n  "volumes": [\n    {\n      "name": "firelens-conf",\n      "efsVolumeConfiguration": {\n        "fileSystemId": "fs-c3c9bcbb",\n        "transitEncryption": "DISABLED"\n      }\n    }\n  ]\n}\n',
      errors: [{ line: 8, column: 9, message: 'EFS volume "firelens-conf" does not encrypt traffic in transit' }],
      output:
        '{\n  "containerDefinitions": [{ "name": "web" }],\n  "volumes": [\n    {\n      "name": "firelens-conf",\n      "efsVolumeConfiguration": {\n        "fileSystemId": "fs-c3c9bcbb",\n        "transitEncryption": "ENABLED"\n      }\n    }\n  ]\n}\n',
    },
    {
      name: 'CloudFormation spelling, not set',
      path: 'template.yaml',
      code: 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n      Volumes:\n        - Name: data\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n',
      errors: [{ line: 9, column: 11 }],
      output:
        'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n      Volumes:\n        - Name: data\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n            TransitEncryption: ENABLED\n',
    },
  ],
});
