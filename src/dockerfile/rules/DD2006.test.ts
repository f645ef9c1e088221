import { ruleTester } from '../rule-tester.js';
import { DD2006 } from './DD2006.js';

ruleTester(DD2006, {
  valid: [
    'FROM debian:12\nEXPOSE 8080',
    { name: 'port 2222', code: 'FROM debian:12\nEXPOSE 2222 220' },
    { name: 'range above 22', code: 'FROM debian:12\nEXPOSE 8000-8100/tcp' },
    { name: 'variable', code: 'FROM debian:12\nARG PORT=8080\nEXPOSE $PORT' },
  ],
  invalid: [
    { code: 'FROM debian:12\nEXPOSE 22', errors: [{ line: 2, column: 8, message: 'EXPOSE 22 exposes SSH' }] },
    { name: 'with protocol, among others', code: 'FROM debian:12\nEXPOSE 80 22/tcp 443', errors: [{ column: 11 }] },
    { name: 'udp', code: 'FROM debian:12\nEXPOSE 22/udp', errors: 1 },
    { name: 'range', code: 'FROM debian:12\nEXPOSE 20-25', errors: [{ message: 'includes SSH port 22' }] },
  ],
});
