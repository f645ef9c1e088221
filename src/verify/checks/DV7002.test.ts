import { testCheck } from '../testdata/check-tester.js';
import { DV7002 } from './DV7002.js';

testCheck(DV7002, [
  { name: 'no ports', status: 'pass', evidence: 'no exposed ports' },
  {
    name: 'an application port',
    config: { ExposedPorts: { '8000/tcp': {} } },
    status: 'pass',
    evidence: 'exposed: 8000/tcp',
  },
  { name: 'port 2222 is not 22', config: { ExposedPorts: { '2222/tcp': {} } }, status: 'pass' },
  {
    name: 'EXPOSE 8000 22 (the unhardened example)',
    config: { ExposedPorts: { '8000/tcp': {}, '22/tcp': {} } },
    status: 'fail',
    evidence: 'exposed: 22/tcp, 8000/tcp',
    findings: ['EXPOSE 22/tcp'],
  },
]);
