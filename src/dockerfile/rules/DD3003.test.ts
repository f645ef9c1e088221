import { ruleTester } from '../rule-tester.js';
import { DD3003 } from './DD3003.js';

ruleTester(DD3003, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    {
      name: 'without the glob',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl; rm -fr /var/lib/apt/lists',
    },
    {
      name: 'build-only stage',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM gcr.io/distroless/static\nCOPY --from=build /out /out',
    },
    {
      name: 'cache mount on the lists',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
    },
    { name: 'install only', code: 'FROM debian:12\nRUN apt-get install -y ./app.deb' },
    {
      name: 'heredoc that removes the lists',
      code: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      errors: [{ line: 2, column: 5, message: 'apt-get update without rm' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'apt-get clean is not enough; continuation and trailing spaces',
      code: 'FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y curl; \\\n    apt-get clean  \n',
      errors: [{ line: 3, column: 5 }],
      output:
        'FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y curl; \\\n    apt-get clean && rm -rf /var/lib/apt/lists/*  \n',
    },
    {
      name: 'lists removed before the update',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && sudo apt update && sudo apt install -y curl;',
      errors: 1,
      output:
        'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && sudo apt update && sudo apt install -y curl; sudo rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'stage used as a base later',
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN echo ok',
      errors: [{ line: 2 }],
      output: 'FROM debian:12 AS base\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN echo ok',
    },
    {
      name: 'ONBUILD RUN in a build-only stage still lands in child images',
      code: 'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y curl\nFROM scratch\nCOPY --from=base /etc/os-release /',
      errors: 1,
      output:
        'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=base /etc/os-release /',
    },
    { name: 'exec form: no fix', code: 'FROM debian:12\nRUN ["apt-get", "update"]', errors: 1 },
    {
      name: 'heredoc: a new last line',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\n  apt-get install -y curl\nEOF',
      errors: [{ line: 3 }],
      output:
        'FROM debian:12\nRUN <<EOF\napt-get update\n  apt-get install -y curl\n  rm -rf /var/lib/apt/lists/*\nEOF',
    },
    {
      name: 'heredoc ending in a continuation: no fix',
      code: 'FROM debian:12\nRUN <<EOF bash\napt-get update && apt-get install -y curl \\\nEOF',
      errors: 1,
    },
    {
      name: 'a later RUN installs from these lists: deleting them would break it, so no fix',
      code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get install -y curl',
      errors: 1,
    },
    {
      name: 'a later RUN with its own update does not need them',
      code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      errors: 1,
      output:
        'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'cache mount on the wrong directory',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\nRUN echo',
      errors: 1,
      output:
        'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && rm -rf /var/lib/apt/lists/*\nRUN echo',
    },
  ],
});
