import { ruleTester } from '../rule-tester.js';
import { DD4005 } from './DD4005.js';

ruleTester(DD4005, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80 443/tcp 65535/udp',
    { name: 'range', code: 'FROM nginx:1.27\nEXPOSE 30000-32767/tcp' },
    { name: 'variables', code: 'FROM nginx:1.27\nARG PORT=99999\nEXPOSE $PORT 9000-${LAST}' },
    { name: 'quoted', code: 'FROM nginx:1.27\nEXPOSE "8080"' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nEXPOSE 80 80800',
      errors: [{ line: 2, column: 11, message: '80800' }],
    },
    {
      name: 'end of a range, with protocol',
      code: 'FROM nginx:1.27\nEXPOSE 60000-70000/udp',
      errors: [{ line: 2, column: 8, message: '70000' }],
    },
    {
      name: 'ONBUILD EXPOSE and quotes',
      code: 'FROM nginx:1.27\nONBUILD EXPOSE "65536/tcp"',
      errors: [{ message: '65536' }],
    },
  ],
});
