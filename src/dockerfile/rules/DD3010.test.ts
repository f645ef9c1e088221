import { ruleTester } from '../rule-tester.js';
import { DD3010 } from './DD3010.js';

ruleTester(DD3010, {
  valid: [
    'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all',
    { name: 'flags inside clean', code: 'FROM rockylinux:9\nRUN yum -y install httpd && yum clean -y all' },
    { name: 'cache removed', code: 'FROM rockylinux:9\nRUN yum install -y httpd && rm -rf /var/cache/yum' },
    {
      name: 'cache mount',
      code: 'FROM rockylinux:9\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd',
    },
    {
      name: 'if branch, heredoc',
      code: 'FROM rockylinux:9\nRUN <<EOF\nif [ -n "$DEV" ]; then yum -y install gdb; fi\nyum clean all\nEOF',
    },
    { name: 'clean alone', code: 'FROM rockylinux:9\nRUN yum clean all' },
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN yum install -y httpd',
      errors: [{ line: 2, column: 5, message: 'yum install without yum clean all' }],
      output: 'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all',
    },
    {
      name: 'clean before the install',
      code: 'FROM rockylinux:9\nRUN set -eux; \\\n    yum clean all; \\\n    sudo yum -y install httpd',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM rockylinux:9\nRUN set -eux; \\\n    yum clean all; \\\n    sudo yum -y install httpd && sudo yum clean all',
    },
    {
      name: 'only the metadata cleaned',
      code: 'FROM rockylinux:9\nRUN yum -y update && yum clean metadata',
      errors: 1,
      output: 'FROM rockylinux:9\nRUN yum -y update && yum clean metadata && yum clean all',
    },
    {
      name: 'second install after the clean',
      code: 'FROM rockylinux:9\nONBUILD RUN yum -y install a && yum clean all && yum -y install b',
      errors: [{ line: 2, column: 50 }],
      output: 'FROM rockylinux:9\nONBUILD RUN yum -y install a && yum clean all && yum -y install b && yum clean all',
    },
    { name: 'exec form: no fix', code: 'FROM rockylinux:9\nRUN ["yum", "install", "-y", "httpd"]', errors: 1 },
  ],
});
