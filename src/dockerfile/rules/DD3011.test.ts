import { ruleTester } from '../rule-tester.js';
import { DD3011 } from './DD3011.js';

ruleTester(DD3011, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all',
    { name: 'short alias', code: 'FROM fedora:40\nRUN dnf in -y httpd && dnf clean all' },
    { name: 'dnf5 cache removed', code: 'FROM fedora:41\nRUN dnf5 -y install httpd && rm -rf /var/cache/libdnf5/*' },
    { name: 'cache mount', code: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf -y upgrade' },
    { name: 'microdnf is another rule', code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y httpd' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y httpd',
      errors: [{ line: 2, column: 5, message: 'dnf install without dnf clean all' }],
      output: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all',
    },
    {
      name: 'set -uex chain with other dnf commands',
      code: 'FROM fedora:40\nRUN set -uex && \\\n    dnf config-manager --add-repo https://example.com/x.repo && \\\n    sudo dnf -vy upgrade',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM fedora:40\nRUN set -uex && \\\n    dnf config-manager --add-repo https://example.com/x.repo && \\\n    sudo dnf -vy upgrade && sudo dnf clean all',
    },
    {
      name: 'clean before a second install',
      code: 'FROM fedora:40\nONBUILD RUN dnf install -y a && dnf clean all && dnf install -y b',
      errors: [{ line: 2, column: 50 }],
      output: 'FROM fedora:40\nONBUILD RUN dnf install -y a && dnf clean all && dnf install -y b && dnf clean all',
    },
    { name: 'exec form', code: 'FROM fedora:40\nRUN ["dnf", "-y", "reinstall", "bash"]', errors: 1 },
    {
      name: 'heredoc',
      code: 'FROM fedora:40\nRUN <<EOF\ndnf -y install git\nEOF',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM fedora:40\nRUN <<EOF\ndnf -y install git\ndnf clean all\nEOF',
    },
  ],
});
