import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { testCheck } from '../testdata/check-tester.js';
import { DV7004, programsOf, shebang } from './DV7004.js';

testCheck(DV7004, [
  {
    name: 'a script whose interpreter exists (through the bin → usr/bin symlink)',
    status: 'pass',
    evidence: '/usr/local/bin/app → /bin/sh executable by appuser (uid 1000)',
  },
  {
    name: 'a program found on PATH',
    config: { Entrypoint: undefined, Cmd: ['app', 'serve'] },
    status: 'pass',
    evidence: '/usr/local/bin/app → /bin/sh executable by appuser (uid 1000)',
  },
  {
    name: 'shell-form CMD: the shell, then the command it runs',
    config: { Entrypoint: undefined, Cmd: ['/bin/sh', '-c', 'exec app --bind 0.0.0.0:8000'] },
    status: 'pass',
    evidence: '/bin/sh → /usr/local/bin/app executable by appuser (uid 1000)',
  },
  {
    name: 'shell-form CMD running a program the image lacks (gunicorn never installed)',
    config: { Entrypoint: undefined, Cmd: ['/bin/sh', '-c', 'gunicorn --bind 0.0.0.0:8000 app.wsgi:application'] },
    status: 'fail',
    evidence: 'command gunicorn is not in the image (searched PATH)',
  },
  {
    name: 'a script only root may execute',
    layers: [[{ name: 'usr/local/bin/app', content: '#!/bin/sh\n', mode: 0o744 }]],
    status: 'fail',
    evidence: 'ENTRYPOINT /usr/local/bin/app (mode 0744, uid 0) is not executable by appuser (uid 1000)',
  },
  {
    name: 'a script whose interpreter is missing',
    layers: [[{ name: 'usr/local/bin/app', content: '#!/usr/bin/env python3\nprint(1)\n', mode: 0o755 }]],
    status: 'fail',
    evidence:
      'interpreter of /usr/local/bin/app /usr/bin/env is not in the image; interpreter of /usr/local/bin/app python3 is not in the image (searched PATH)',
  },
  {
    name: 'no ENTRYPOINT or CMD',
    config: { Entrypoint: undefined, Cmd: undefined },
    status: 'fail',
    evidence: 'no ENTRYPOINT or CMD: nothing to run',
  },
]);

it('reads interpreters and shell-form commands', () => {
  assert.deepEqual(shebang(Buffer.from('#!/usr/bin/env -S python3 -u\n')), ['/usr/bin/env', 'python3']);
  assert.deepEqual(shebang(Buffer.from('#! /bin/bash -e\n')), ['/bin/bash']);
  assert.deepEqual(shebang(Buffer.from('\x7fELF')), []);
  assert.deepEqual(programsOf({ config: { Cmd: ['sh', '-c', 'PORT=8000 exec gunicorn app'] } }), ['sh', 'gunicorn']);
  assert.deepEqual(programsOf({ config: { Cmd: ['sh', '-c', 'cd /app && ./run'] } }), ['sh']);
  assert.deepEqual(programsOf({ config: { Entrypoint: ['tini', '--'], Cmd: ['app'] } }), ['tini']);
});
