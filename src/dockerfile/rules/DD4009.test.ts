import { ruleTester } from '../rule-tester.js';
import { DD4009 } from './DD4009.js';

ruleTester(DD4009, {
  valid: [
    'FROM debian:12\nWORKDIR /src\nRUN make install',
    { name: 'cd in CMD', code: 'FROM debian:12\nCMD cd /srv && exec ./run' },
    { name: 'in an echo', code: 'FROM debian:12\nRUN echo "cd /src"' },
    { name: 'temporary directory', code: 'FROM debian:12\nRUN cd "$(mktemp -d)" && curl -fsSLO https://x.test/a.tgz' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN cd /src && make install',
      errors: [{ line: 2, column: 5, message: 'WORKDIR /src' }],
    },
    {
      name: 'lone cd',
      code: 'FROM debian:12\nRUN cd /usr/share/nginx/html',
      errors: [{ message: 'cd /usr/share/nginx/html' }],
    },
    {
      name: 'after set -eux and a continuation, reported once',
      code: 'FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    cd /opt && make; \\\n    cd /',
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'ONBUILD, heredoc and subshell',
      code: 'FROM debian:12\nONBUILD RUN (cd /app && make)\nRUN <<EOF\ncd /srv\n./configure\nEOF',
      errors: [{ line: 2 }, { line: 4 }],
    },
  ],
});
