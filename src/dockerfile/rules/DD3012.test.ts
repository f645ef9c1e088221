import { ruleTester } from '../rule-tester.js';
import { DD3012 } from './DD3012.js';

ruleTester(DD3012, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all',
    { name: 'cc alias', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y curl && zypper cc -a' },
    { name: 'cache removed', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && rm -rf /var/cache/zypp/*' },
    {
      name: 'cache mount',
      code: 'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl',
    },
    { name: 'refresh alone is another rule', code: 'FROM opensuse/leap:15.6\nRUN zypper refresh' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl',
      errors: [{ line: 2, column: 5, message: 'zypper install without zypper clean' }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all',
    },
    {
      name: 'clean first, patch after',
      code: 'FROM opensuse/leap:15.6\nRUN set -eux; \\\n    zypper clean; \\\n    sudo zypper -n patch',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM opensuse/leap:15.6\nRUN set -eux; \\\n    zypper clean; \\\n    sudo zypper -n patch && sudo zypper clean --all',
    },
    {
      name: 'ONBUILD remove',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n rm vim',
      errors: 1,
      output: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n rm vim && zypper clean --all',
    },
    { name: 'exec form', code: 'FROM opensuse/leap:15.6\nRUN ["zypper", "-n", "install", "curl"]', errors: 1 },
    {
      name: 'heredoc',
      code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n install curl\nEOF',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n install curl\nzypper clean --all\nEOF',
    },
  ],
});
