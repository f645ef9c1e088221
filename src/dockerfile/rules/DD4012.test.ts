import { ruleTester } from '../rule-tester.js';
import { DD4012 } from './DD4012.js';

ruleTester(DD4012, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y make\nRUN make',
    { name: 'separated by another instruction', code: 'FROM debian:12\nRUN ./a.sh\nWORKDIR /b\nRUN ./b.sh' },
    {
      name: 'different mounts',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/root/.cache pip install -r r.txt\nRUN python -m compileall .',
    },
    { name: 'set -eux chain', code: 'FROM debian:12\nRUN set -eux; make\nRUN make install' },
    { name: 'different stages', code: 'FROM debian:12\nRUN ./a.sh\nFROM debian:12\nRUN ./b.sh' },
    { name: 'ONBUILD RUN in between', code: 'FROM debian:12\nRUN ./a.sh\nONBUILD RUN ./b.sh\nRUN ./c.sh' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl',
      errors: [{ line: 3, column: 1, message: 'line 2' }],
    },
    {
      name: 'comments and continuations do not separate them',
      code: 'FROM debian:12\nRUN ./configure \\\n      --prefix=/usr\n# build\nRUN make',
      errors: [{ line: 5, message: 'line 2' }],
    },
    {
      name: 'a chain of three, exec form and same flags',
      code: 'FROM debian:12\nRUN --network=none ["./a"]\nRUN --network=none ./b\nRUN --network=none ./c',
      errors: [{ line: 3 }, { line: 4, message: 'line 3' }],
    },
  ],
});
