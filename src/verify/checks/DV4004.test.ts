import { testCheck } from '../testdata/check-tester.js';
import { DV4004 } from './DV4004.js';

testCheck(DV4004, [
  { name: 'an empty /tmp', status: 'pass', evidence: '/tmp and /var/tmp hold nothing' },
  {
    name: 'an installer and an unpacked source tree left in /tmp, a file in /var/tmp',
    layers: [
      [
        { name: 'tmp/get-pip.py', content: 'p'.repeat(2500) },
        { name: 'tmp/src/', type: 'directory' },
        { name: 'tmp/src/setup.py', content: 's' },
        { name: 'var/tmp/build.log', content: 'l' },
      ],
    ],
    status: 'fail',
    evidence: '3 files, 2.5 kB in /tmp/get-pip.py, /tmp/src, /var/tmp/build.log',
  },
]);
