import { ruleTester } from '../rule-tester.js';
import { DD4007 } from './DD4007.js';

ruleTester(DD4007, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /app',
    { name: 'name starts like a system dir', code: 'FROM alpine:3.20\nWORKDIR /development' },
    { name: 'relative', code: 'FROM alpine:3.20\nWORKDIR dev' },
    { name: 'variable', code: 'FROM alpine:3.20\nWORKDIR $DIR/proc' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nWORKDIR /proc/self/fd/1',
      errors: [{ line: 2, column: 9, message: 'system directory /proc' }],
    },
    { name: 'quoted, no trailing slash', code: 'FROM alpine:3.20\nWORKDIR "/dev"', errors: [{ message: '/dev' }] },
    { name: 'dot-dot', code: 'FROM alpine:3.20\nWORKDIR /app/../sys/kernel', errors: [{ message: '/sys' }] },
  ],
});
