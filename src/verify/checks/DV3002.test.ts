import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { testCheck } from '../testdata/check-tester.js';
import { DV3002, unfitKind } from './DV3002.js';

const status = (...names: string[]) => ({
  name: 'var/lib/dpkg/status',
  content: names
    .map((n) => `Package: ${n}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-1\nDescription: x\n`)
    .join('\n'),
});

testCheck(DV3002, [
  {
    name: 'runtime libraries that only look like tools',
    layers: [
      [status('gcc-12-base', 'libgcc-s1', 'libstdc++6', 'cpp-doc', 'vim-tiny-doc', 'python3', 'libdevmapper1.02.1')],
    ],
    status: 'pass',
    evidence: 'none among 7 OS packages',
  },
  {
    name: 'the unhardened example’s build-essential, libpq-dev and friends',
    layers: [[status('build-essential', 'gcc-12', 'g++', 'make', 'libpq-dev', 'libc6-dev', 'libpq5', 'git')]],
    status: 'fail',
    evidence: '6 (build toolchain, development headers): build-essential, g++, gcc-12, libc6-dev, libpq-dev, make',
    findings: [
      'build-essential 1.0-1: build toolchain',
      'g++ 1.0-1: build toolchain',
      'gcc-12 1.0-1: build toolchain',
      'libc6-dev 1.0-1: development headers',
      'libpq-dev 1.0-1: development headers',
      'make 1.0-1: build toolchain',
    ],
    more: (r) => assert.equal(r.findings[0]?.location?.path, 'var/lib/dpkg/status'),
  },
  {
    name: 'an SSH server, sudo and an editor',
    layers: [[status('openssh-server', 'sudo', 'vim', 'openssh-client')]],
    status: 'fail',
    evidence: '3 (SSH server, privilege escalation, editor): openssh-server, sudo, vim',
  },
]);

it('classifies apk and rpm spellings, never language packages', () => {
  assert.equal(unfitKind({ type: 'apk', name: 'build-base' }), 'build toolchain');
  assert.equal(unfitKind({ type: 'apk', name: 'musl-dev' }), 'development headers');
  assert.equal(unfitKind({ type: 'rpm', name: 'gcc-c++' }), 'build toolchain');
  assert.equal(unfitKind({ type: 'rpm', name: 'openssl-devel' }), 'development headers');
  assert.equal(unfitKind({ type: 'rpm', name: 'vim-enhanced' }), 'editor');
  assert.equal(unfitKind({ type: 'python', name: 'make' }), undefined);
  assert.equal(unfitKind({ type: 'deb', name: 'libgcc-s1' }), undefined);
});
