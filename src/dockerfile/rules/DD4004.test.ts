import { ruleTester } from '../rule-tester.js';
import { DD4004 } from './DD4004.js';

ruleTester(DD4004, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]',
    {
      name: 'one per stage',
      code: 'FROM alpine:3.20 AS a\nHEALTHCHECK CMD ["/probe"]\nFROM alpine:3.20\nHEALTHCHECK NONE',
    },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/"]\nHEALTHCHECK CMD ["/probe"]',
      errors: [{ line: 3, column: 1, message: 'line 2' }],
    },
    {
      name: 'NONE after a probe still overrides it',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["/probe"]\nHEALTHCHECK NONE',
      errors: 1,
    },
  ],
});
