import { ruleTester } from '../rule-tester.js';
import { DD4016 } from './DD4016.js';

ruleTester(DD4016, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLO https://x.test/a\nRUN curl -fsSLO https://x.test/b',
    {
      name: 'different stages',
      code: 'FROM debian:12 AS a\nRUN wget -q https://x.test/a\nFROM debian:12\nRUN curl -fsS https://x.test/b',
    },
    {
      name: 'installing wget is not using it',
      code: 'FROM debian:12\nRUN apt-get install -y wget && curl -fsS https://x.test/',
    },
    {
      name: 'ONBUILD counted apart',
      code: 'FROM debian:12\nRUN curl -fsS https://x.test/\nONBUILD RUN wget -q https://x.test/',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget -q https://x.test/a\nRUN curl -fsSLO https://x.test/b',
      errors: [{ line: 3, column: 5, message: 'wget at line 2' }],
    },
    {
      name: 'same RUN, behind sudo and set -eux',
      code: 'FROM debian:12\nRUN set -eux; \\\n    sudo wget -q https://x.test/a && curl -fsS https://x.test/b',
      errors: [{ line: 3, column: 5, message: 'stage 1' }],
    },
    {
      name: 'every later use is reported',
      code: 'FROM debian:12 AS build\nRUN wget -q a\nRUN curl -fsS b\nRUN echo hi\nRUN ["wget", "-q", "c"]',
      errors: [
        { line: 3, message: 'stage build' },
        { line: 5, message: 'curl at line 3' },
      ],
    },
  ],
});
