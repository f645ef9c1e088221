import { ruleTester } from '../rule-tester.js';
import { DD4015 } from './DD4015.js';

ruleTester(DD4015, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x.test/i.sh | bash',
    { name: 'clustered option', code: 'FROM debian:12\nSHELL ["bash", "-euxo", "pipefail", "-c"]\nRUN a | b' },
    { name: 'no pipe', code: 'FROM debian:12\nRUN a && b || c' },
    {
      name: 'set -o pipefail first',
      code: 'FROM debian:12\nRUN set -euxo pipefail; \\\n    curl -fsSL https://x.test | tar xz',
    },
    {
      name: 'PowerShell',
      code: 'FROM mcr.microsoft.com/powershell:lts\nSHELL ["pwsh", "-c"]\nRUN Get-Item x | Select-Object Name',
    },
    {
      name: 'inherited from the stage it builds on',
      code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b',
    },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["sh", "-c", "a | b"]' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && curl -fsSL https://x.test/i.sh | sh',
      errors: [{ line: 2, column: 23, message: 'pipefail' }],
    },
    {
      name: 'plain sh does not count',
      code: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo a | sed s/a/b/',
      errors: 1,
    },
    {
      name: 'a later SHELL turns it off',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nSHELL ["/bin/sh", "-c"]\nRUN a | b',
      errors: [{ line: 5 }],
    },
    {
      name: 'set after the pipe, ONBUILD, heredoc',
      code: 'FROM debian:12\nONBUILD RUN a | b; set -o pipefail\nRUN <<EOF\nset -eux\nwget -O- https://x.test | tar x\nEOF',
      errors: [{ line: 2 }, { line: 5 }],
    },
    {
      name: 'new unrelated stage resets',
      code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN a | b',
      errors: 1,
    },
  ],
});
