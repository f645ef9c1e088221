import { BASE_LAYER, testCheck } from '../testdata/check-tester.js';
import { DV1001 } from './DV1001.js';

const passwd = String(BASE_LAYER.find((e) => e.name === 'etc/passwd')?.content ?? '');

testCheck(DV1001, [
  { name: 'a named user from /etc/passwd', status: 'pass', evidence: 'user appuser (uid 1000)' },
  {
    name: 'a uid that /etc/passwd names',
    config: { User: '1000' },
    status: 'pass',
    evidence: 'user appuser (uid 1000)',
  },
  { name: 'user and group', config: { User: 'appuser:appuser' }, status: 'pass', evidence: 'user appuser (uid 1000)' },
  {
    name: 'a numeric uid without a passwd entry still runs (runc needs no name)',
    config: { User: '10001:10001' },
    status: 'pass',
    evidence: 'user uid 10001 (no /etc/passwd entry: whoami prints no name)',
  },
  {
    name: 'no USER: root',
    config: { User: undefined },
    status: 'fail',
    evidence: 'root (uid 0): no USER in the image config',
    findings: ['the container runs as root (no USER in the image config)'],
  },
  { name: 'USER root', config: { User: 'root' }, status: 'fail', evidence: 'root (uid 0): USER root is uid 0' },
  { name: 'USER 0:0', config: { User: '0:0' }, status: 'fail', evidence: 'root (uid 0): USER 0:0 is uid 0' },
  {
    name: 'a second name for uid 0 is still root',
    layers: [[{ name: 'etc/passwd', content: `${passwd}toor:x:0:0::/root:/bin/sh\n` }]],
    config: { User: 'toor' },
    status: 'fail',
    evidence: 'toor (uid 0): USER toor is uid 0',
  },
  {
    name: 'a name the image does not have: the container would not start',
    config: { User: 'ghost' },
    status: 'fail',
    evidence: 'user ghost is not in /etc/passwd: the container would not start',
  },
  {
    name: 'a group the image does not have',
    config: { User: 'appuser:staff' },
    status: 'fail',
    evidence: 'group staff is not in /etc/group: the container would not start',
  },
  {
    name: 'a name without any /etc/passwd (scratch image)',
    base: false,
    layers: [[{ name: 'app', content: 'x', mode: 0o755 }]],
    config: { User: 'app', Entrypoint: ['/app'] },
    status: 'fail',
    evidence: 'user app is unresolvable: the image has no /etc/passwd: the container would not start',
  },
]);
