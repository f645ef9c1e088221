import { ruleTester } from '../rule-tester.js';
import { DD3004 } from './DD3004.js';

ruleTester(DD3004, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get install -y curl',
    { name: 'flags before the subcommand', code: 'FROM debian:12\nRUN apt-get update && apt-get -y upgrade' },
    { name: 'dist-upgrade', code: 'FROM debian:12\nRUN apt-get -q update && apt-get dist-upgrade -y' },
    { name: 'apt full-upgrade', code: 'FROM debian:12\nRUN apt update && apt full-upgrade -y' },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get upgrade -y\nEOF',
    },
    {
      name: 'turned off',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      config: { requireAptUpgrade: false },
    },
    { name: 'no update', code: 'FROM debian:12\nRUN apt-get install -y ./app.deb' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      errors: [{ line: 2, column: 5, message: 'apt-get update without apt-get upgrade -y' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get install -y curl',
    },
    {
      name: 'upgrade before the update',
      code: 'FROM debian:12\nRUN set -eux; \\\n    apt-get upgrade -y; \\\n    sudo apt-get update; \\\n    apt-get install -y curl',
      errors: [{ line: 4, column: 5 }],
      // The separator the script uses after the update: with set -e an `&&` would exempt the update from it.
      output:
        'FROM debian:12\nRUN set -eux; \\\n    apt-get upgrade -y; \\\n    sudo apt-get update; \\\n    sudo apt-get upgrade -y; \\\n    apt-get install -y curl',
    },
    {
      name: 'ONBUILD RUN and heredoc',
      code: 'FROM debian:12\nONBUILD RUN apt-get update\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
      errors: [
        { line: 2, column: 13 },
        { line: 4, column: 1 },
      ],
      output:
        'FROM debian:12\nONBUILD RUN apt-get update && apt-get upgrade -y\nRUN <<EOF\napt-get update\napt-get upgrade -y\napt-get install -y curl\nEOF',
    },
    { name: 'exec form: no fix', code: 'FROM debian:12\nRUN ["apt-get", "update"]', errors: 1 },
    { name: 'piped: no fix', code: 'FROM debian:12\nRUN apt-get update | tee /tmp/log', errors: 1 },
  ],
});
