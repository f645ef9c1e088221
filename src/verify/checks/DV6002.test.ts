import { testCheck } from '../testdata/check-tester.js';
import { DV6002 } from './DV6002.js';

testCheck(DV6002, [
  {
    name: 'sticky scratch directories are fine',
    layers: [
      [
        { name: 'var/tmp/', type: 'directory', mode: 0o1777 },
        { name: 'run/lock/', type: 'directory', mode: 0o1777 },
      ],
    ],
    status: 'pass',
    evidence: 'none; 3 world-writable directories with the sticky bit (like /tmp)',
  },
  {
    name: 'chmod -R 777 /srv/app (the unhardened example)',
    layers: [
      [
        { name: 'srv/', type: 'directory' },
        { name: 'srv/app/', type: 'directory', mode: 0o777 },
        { name: 'srv/app/manage.py', content: 'print()\n', mode: 0o777 },
        { name: 'srv/app/link', type: 'symlink', linkname: 'manage.py' },
      ],
    ],
    status: 'fail',
    evidence: '2: /srv/app, /srv/app/manage.py; 1 world-writable directory with the sticky bit (like /tmp)',
    findings: [
      '/srv/app/ is a world-writable directory without the sticky bit (mode 0777)',
      '/srv/app/manage.py is world-writable (mode 0777)',
    ],
  },
]);
