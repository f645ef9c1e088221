import { ruleTester } from '../rule-tester.js';
import { DD4014 } from './DD4014.js';

ruleTester(DD4014, {
  valid: [
    'FROM debian:12\nRUN wget --progress=dot:giga https://example.org/a.tgz',
    { name: 'quiet in a cluster', code: 'FROM debian:12\nRUN wget -qO- https://example.org/key.asc | gpg --dearmor' },
    { name: 'no-verbose', code: 'FROM debian:12\nRUN wget -nv https://example.org/a.tgz' },
    { name: 'log file', code: 'FROM debian:12\nRUN wget --output-file=/tmp/wget.log https://example.org/a.tgz' },
    { name: 'not wget', code: 'FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget https://example.org/a.tgz',
      errors: [{ line: 2, column: 5, message: '--progress' }],
    },
    {
      name: 'a -O value that looks like a flag',
      code: 'FROM debian:12\nRUN wget -O -q https://example.org/a.tgz',
      errors: 1,
    },
    {
      name: 'set -eux, sudo and a continuation',
      code: 'FROM debian:12\nRUN set -eux; \\\n    sudo wget -O /tmp/a.tgz https://example.org/a.tgz',
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'ONBUILD and heredoc',
      code: 'FROM debian:12\nONBUILD RUN wget https://x.test/a\nRUN <<EOF\nwget https://x.test/b\nEOF',
      errors: [{ line: 2 }, { line: 4 }],
    },
  ],
});
