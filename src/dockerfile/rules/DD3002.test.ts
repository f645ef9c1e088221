import { ruleTester } from '../rule-tester.js';
import { DD3002 } from './DD3002.js';

ruleTester(DD3002, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl',
    { name: 'not apt-get', code: 'FROM alpine:3\nRUN apk add --no-cache curl' },
    { name: 'apt-get update only', code: 'FROM debian:12\nRUN apt-get update' },
    { name: 'in an echo', code: 'FROM debian:12\nRUN echo "apt-get install curl"' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      errors: [{ line: 2, column: 23, message: '--no-install-recommends' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl',
    },
    {
      name: 'inside set -eux and a continuation',
      code: 'FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y \\\n      curl',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install --no-install-recommends -y \\\n      curl',
    },
    {
      name: 'behind sudo in an if',
      code: 'FROM debian:12\nRUN if true; then sudo apt-get install -y git; fi',
      errors: 1,
      output: 'FROM debian:12\nRUN if true; then sudo apt-get install --no-install-recommends -y git; fi',
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y git',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends -y git',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "git"]',
      errors: 1,
      output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "git"]',
    },
  ],
});
