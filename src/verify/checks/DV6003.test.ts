import * as assert from 'node:assert/strict';
import { BASE_LAYER, testCheck } from '../testdata/check-tester.js';
import { DV6003 } from './DV6003.js';

const passwd = String(BASE_LAYER.find((e) => e.name === 'etc/passwd')?.content ?? '');
const group = String(BASE_LAYER.find((e) => e.name === 'etc/group')?.content ?? '');
const shadow = String(BASE_LAYER.find((e) => e.name === 'etc/shadow')?.content ?? '');

testCheck(DV6003, [
  {
    name: 'locked system accounts, unique ids',
    status: 'pass',
    evidence: '4 users, 4 groups: no empty passwords, ids unique',
  },
  {
    name: 'an empty password in passwd (no shadow indirection)',
    layers: [[{ name: 'etc/passwd', content: `${passwd}guest::1001:1001::/home/guest:/bin/sh\n` }]],
    status: 'fail',
    findings: ['guest (uid 1001) has an empty password in /etc/passwd'],
    more: (r) => assert.deepEqual([r.findings[0]?.location?.path, r.findings[0]?.location?.line], ['etc/passwd', 5]),
  },
  {
    name: 'an empty password in shadow (CVE-2019-5021: Alpine’s root)',
    layers: [[{ name: 'etc/shadow', content: shadow.replace('root:*:', 'root::') }]],
    status: 'fail',
    findings: ['root (uid 0) has an empty password in /etc/shadow'],
  },
  {
    name: 'duplicate uid, user name, group name and gid',
    layers: [
      [
        {
          name: 'etc/passwd',
          content: `${passwd}app2:x:1000:1000::/home/app2:/bin/sh\nappuser:x:1002:1000::/x:/bin/sh\n`,
        },
        { name: 'etc/group', content: `${group}appuser:x:1001:\nstaff:x:1000:\n` },
      ],
    ],
    status: 'fail',
    findings: [
      'user appuser appears twice in /etc/passwd (lines 4 and 6)',
      'uid 1000 appears twice in /etc/passwd (lines 4 and 5)',
      'group appuser appears twice in /etc/group (lines 4 and 5)',
      'gid 1000 appears twice in /etc/group (lines 4 and 6)',
    ],
  },
  {
    name: 'no /etc/passwd (scratch)',
    base: false,
    layers: [[{ name: 'app', content: 'x' }]],
    config: { User: '1000' },
    status: 'skip',
  },
]);
