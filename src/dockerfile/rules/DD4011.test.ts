import { ruleTester } from '../rule-tester.js';
import { DD4011 } from './DD4011.js';

ruleTester(DD4011, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD ["curl", "-fsS", "http://localhost/"]',
    { name: 'deliberately off', code: 'FROM nginx:1.27\nHEALTHCHECK NONE' },
    {
      name: 'inherited from the stage it builds on',
      code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["/probe"]\nFROM base\nCOPY site/ /usr/share/nginx/html/',
    },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/',
      errors: [{ line: 1, column: 1, message: 'no HEALTHCHECK' }],
    },
    {
      name: 'only a build stage has one',
      code: 'FROM golang:1.22 AS build\nHEALTHCHECK CMD ["/probe"]\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app',
      errors: [{ line: 3, column: 1 }],
    },
    {
      name: 'ONBUILD HEALTHCHECK is for child images',
      code: 'FROM nginx:1.27\nONBUILD HEALTHCHECK CMD ["/probe"]',
      errors: 1,
    },
  ],
});
