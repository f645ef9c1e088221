import { ruleTester } from '../rule-tester.js';
import { DD3007 } from './DD3007.js';

ruleTester(DD3007, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    { name: 'apt-cache and aptitude', code: 'FROM debian:12\nRUN apt-cache policy curl && aptitude --version' },
    { name: 'a word in an echo', code: 'FROM debian:12\nRUN echo apt install curl' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt update && apt install -y curl',
      errors: [
        { line: 2, column: 5, message: 'apt used instead of apt-get' },
        { line: 2, column: 19 },
      ],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'sudo, full path, continuation',
      code: 'FROM debian:12\nRUN set -eux; \\\n    sudo /usr/bin/apt -y install curl',
      errors: [{ line: 3, column: 10 }],
      output: 'FROM debian:12\nRUN set -eux; \\\n    sudo /usr/bin/apt-get -y install curl',
    },
    {
      name: 'ONBUILD and exec form',
      code: 'FROM debian:12\nONBUILD RUN apt upgrade -y\nRUN ["apt", "install", "-y", "curl"]',
      errors: 2,
      output: 'FROM debian:12\nONBUILD RUN apt-get upgrade -y\nRUN ["apt-get", "install", "-y", "curl"]',
    },
    {
      name: 'apt list has no apt-get equivalent: no fix',
      code: 'FROM debian:12\nRUN apt list --installed',
      errors: [{ message: 'apt list: use apt-cache' }],
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt install -y curl\nEOF',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF',
    },
  ],
});
