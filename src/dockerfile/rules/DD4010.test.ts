import { ruleTester } from '../rule-tester.js';
import { DD4010 } from './DD4010.js';

ruleTester(DD4010, {
  valid: [
    'FROM busybox:1.36\nLABEL org.opencontainers.image.authors="ops@example.com"',
    { name: 'word in a RUN', code: 'FROM busybox:1.36\nRUN echo MAINTAINER' },
  ],
  invalid: [
    {
      code: 'FROM busybox:1.36\nMAINTAINER ops@example.com\nUSER 1000',
      errors: [{ line: 2, column: 1, message: 'deprecated' }],
      output: 'FROM busybox:1.36\nLABEL org.opencontainers.image.authors="ops@example.com"\nUSER 1000',
    },
    {
      name: 'quotes, dollar and a continuation',
      code: 'FROM busybox:1.36\nmaintainer Jo "JD" Doe \\\n  <jo$doe@example.com>',
      errors: 1,
      output: 'FROM busybox:1.36\nlabel org.opencontainers.image.authors="Jo \\"JD\\" Doe <jo\\$doe@example.com>"',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nMAINTAINER Team "Win"',
      errors: 1,
      output:
        '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL org.opencontainers.image.authors="Team `"Win`""',
    },
    {
      name: 'before FROM: reported without a fix',
      code: 'MAINTAINER ops@example.com\nFROM busybox:1.36',
      errors: [{ line: 1 }],
    },
  ],
});
