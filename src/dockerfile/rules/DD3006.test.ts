import { ruleTester } from '../rule-tester.js';
import { DD3006 } from './DD3006.js';

ruleTester(DD3006, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y',
    { name: 'mentioned in an echo', code: 'FROM debian:12\nRUN echo "no apt-get dist-upgrade here"' },
    { name: 'another tool', code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive dist-upgrade' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y',
      errors: [{ line: 2, column: 23, message: 'apt-get dist-upgrade' }],
    },
    {
      name: 'flags first, continuation, sudo',
      code: 'FROM debian:12\nRUN set -eux; \\\n    sudo apt-get -qq dist-upgrade',
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'apt full-upgrade in ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt full-upgrade -y',
      errors: [{ message: 'apt full-upgrade' }],
    },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt-get", "-y", "dist-upgrade"]', errors: 1 },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get dist-upgrade -y\nEOF',
      errors: [{ line: 4 }],
    },
  ],
});
