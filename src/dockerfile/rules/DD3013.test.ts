import { ruleTester } from '../rule-tester.js';
import { DD3013 } from './DD3013.js';

ruleTester(DD3013, {
  valid: [
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils && microdnf clean all',
    { name: 'cache removed', code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y tar && rm -rf /var/cache/yum/*' },
    {
      name: 'tmpfs mount',
      code: 'FROM ubi9/ubi-minimal\nRUN --mount=type=tmpfs,target=/var/cache/yum microdnf install -y tar',
    },
    {
      name: 'two installs, each cleaned',
      code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y a && microdnf clean all && microdnf install -y b && microdnf clean all',
    },
  ],
  invalid: [
    {
      code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y tar',
      errors: [{ line: 2, column: 5, message: 'microdnf install without microdnf clean all' }],
      output: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all',
    },
    {
      name: 'clean first, continuation',
      code: 'FROM ubi9/ubi-minimal\nRUN set -eux; \\\n    microdnf clean all; \\\n    microdnf --nodocs install -y tar',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM ubi9/ubi-minimal\nRUN set -eux; \\\n    microdnf clean all; \\\n    microdnf --nodocs install -y tar && microdnf clean all',
    },
    {
      name: 'ONBUILD',
      code: 'FROM ubi9/ubi-minimal\nONBUILD RUN microdnf update -y',
      errors: 1,
      output: 'FROM ubi9/ubi-minimal\nONBUILD RUN microdnf update -y && microdnf clean all',
    },
    { name: 'exec form', code: 'FROM ubi9/ubi-minimal\nRUN ["microdnf", "install", "-y", "tar"]', errors: 1 },
  ],
});
