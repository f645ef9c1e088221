import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { testCheck } from '../testdata/check-tester.js';
import { allowedSetuid, DV6001 } from './DV6001.js';

const elf = '\x7fELF\n';

testCheck(DV6001, [
  {
    name: 'Debian’s own setuid and setgid programs',
    layers: [
      [
        { name: 'usr/bin/su', content: elf, mode: 0o4755 },
        { name: 'usr/bin/passwd', content: elf, mode: 0o4755 },
        { name: 'usr/bin/chage', content: elf, mode: 0o2755, gid: 42 },
        { name: 'usr/sbin/', type: 'directory' },
        { name: 'usr/sbin/unix_chkpwd', content: elf, mode: 0o2755, gid: 42 },
      ],
    ],
    status: 'pass',
    evidence: 'no others; 4 from the base system (chage, passwd, su, unix_chkpwd)',
  },
  {
    name: 'a setuid-root copy of a shell, sudo, and a setgid tool outside the system dirs',
    layers: [
      [
        { name: 'usr/local/bin/escalate', content: elf, mode: 0o4755 },
        { name: 'usr/bin/sudo', content: elf, mode: 0o4755 },
        { name: 'opt/tool/su', content: elf, mode: 0o2711, gid: 5 },
      ],
    ],
    status: 'fail',
    findings: [
      '/opt/tool/su is setgid (gid 5), mode 2711',
      '/usr/bin/sudo is setuid (uid 0), mode 4755',
      '/usr/local/bin/escalate is setuid (uid 0), mode 4755',
    ],
  },
]);

it('allows the base programs only in the system directories', () => {
  assert.equal(allowedSetuid('usr/bin/mount'), true);
  assert.equal(allowedSetuid('bin/su'), true);
  assert.equal(allowedSetuid('usr/local/bin/su'), false);
  assert.equal(allowedSetuid('usr/bin/sudo'), false);
});
