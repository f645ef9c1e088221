import { testCheck } from '../testdata/check-tester.js';
import { DV7001 } from './DV7001.js';

testCheck(DV7001, [
  { name: 'exec-form health check', status: 'pass', evidence: 'HEALTHCHECK /usr/local/bin/app health' },
  {
    name: 'shell-form health check',
    config: { Healthcheck: { Test: ['CMD-SHELL', 'curl -f http://localhost:8000/health || exit 1'], Interval: 30e9 } },
    status: 'pass',
    evidence: 'HEALTHCHECK curl -f http://localhost:8000/health || exit 1',
  },
  {
    name: 'none (or an OCI-format build that dropped it)',
    config: { Healthcheck: undefined },
    status: 'fail',
    evidence: 'no HEALTHCHECK in the image config',
  },
  {
    name: 'HEALTHCHECK NONE',
    config: { Healthcheck: { Test: ['NONE'] } },
    status: 'fail',
    evidence: 'HEALTHCHECK NONE disables the inherited check',
  },
  {
    name: 'below --fail-on it is a warning, not a failure',
    config: { Healthcheck: undefined },
    options: { failOn: 'medium' },
    status: 'warn',
  },
]);
