import { ruleTester } from '../rule-tester.js';
import { DD3008 } from './DD3008.js';

ruleTester(DD3008, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8 ca-certificates=20230311',
    { name: 'wildcard pin', code: 'FROM debian:12\nRUN apt-get install -y "git=1:2.39.*"' },
    { name: 'a local .deb', code: 'FROM debian:12\nRUN apt-get install -y ./pkgs/app_1.0_amd64.deb /tmp/tool.deb' },
    {
      name: 'target release value is not a package',
      code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports golang=2:1.22~3~bpo12+1',
    },
    { name: 'variable', code: 'FROM debian:12\nRUN apt-get install -y $PACKAGES' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl jq=1.6-2.1',
      errors: [{ line: 2, column: 42, message: 'curl without a pinned version' }],
    },
    {
      name: 'continuation, sudo, set -eux',
      code: 'FROM debian:12\nRUN set -eux; \\\n    sudo apt-get install -y \\\n      curl \\\n      git',
      errors: [
        { line: 4, column: 7 },
        { line: 5, column: 7 },
      ],
    },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl', errors: 1 },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]', errors: 1 },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF',
      errors: [{ line: 3, column: 20 }],
    },
  ],
});
