import { BASE_LAYER, testCheck } from '../testdata/check-tester.js';
import { DV1002 } from './DV1002.js';

const passwd = String(BASE_LAYER.find((e) => e.name === 'etc/passwd')?.content ?? '');

testCheck(DV1002, [
  { name: 'own home, usable workdir', status: 'pass', evidence: 'home /home/appuser owned by it, workdir /app usable' },
  {
    name: 'a system user without a home (adduser --system)',
    layers: [[{ name: 'etc/passwd', content: `${passwd}svc:x:999:999::/nonexistent:/usr/sbin/nologin\n` }]],
    config: { User: 'svc', WorkingDir: undefined },
    status: 'pass',
    evidence: 'no home or workdir to check',
  },
  {
    name: 'a home the image does not have is noted, not failed',
    layers: [[{ name: 'etc/passwd', content: `${passwd}svc:x:999:999::/home/svc:/bin/sh\n` }]],
    config: { User: 'svc' },
    status: 'pass',
    evidence: 'home /home/svc absent, workdir /app usable',
  },
  {
    name: 'a workdir behind a symlink is followed',
    layers: [[{ name: 'srv', type: 'symlink', linkname: 'app' }]],
    config: { WorkingDir: '/srv' },
    status: 'pass',
    evidence: 'home /home/appuser owned by it, workdir /srv usable',
  },
  {
    name: 'home owned by root',
    layers: [[{ name: 'home/appuser/', type: 'directory' }]],
    status: 'fail',
    findings: ['home /home/appuser is owned by uid 0, not appuser (uid 1000)'],
  },
  {
    name: 'WORKDIR missing from the image',
    config: { WorkingDir: '/srv/app' },
    status: 'fail',
    findings: ['WORKDIR /srv/app does not exist in the image'],
  },
  {
    name: 'WORKDIR the user cannot enter',
    layers: [[{ name: 'app/', type: 'directory', mode: 0o700 }]],
    status: 'fail',
    findings: ['WORKDIR /app cannot be entered by appuser (uid 1000)'],
  },
  { name: 'no such user: nothing to check', config: { User: 'ghost' }, status: 'skip' },
]);
