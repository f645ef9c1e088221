import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { testCheck } from '../testdata/check-tester.js';
import { DV7003, privilegedLabel } from './DV7003.js';

testCheck(DV7003, [
  {
    name: 'ordinary OCI labels',
    config: { Labels: { 'org.opencontainers.image.source': 'https://github.com/acme/app', maintainer: 'ops' } },
    status: 'pass',
    evidence: 'none among 2 labels',
  },
  {
    name: 'an Atomic RUN label and a privileged marker',
    config: {
      Labels: {
        RUN: 'docker run -d --privileged -v /:/host --net=host IMAGE',
        'com.example.privileged': 'true',
        'io.k8s.description': 'a privileged-free image',
      },
    },
    status: 'fail',
    findings: ['LABEL RUN asks for --privileged', 'LABEL com.example.privileged marks the image privileged'],
  },
]);

it('recognises the usual isolation-dropping flags', () => {
  assert.equal(privilegedLabel('RUN', 'podman run --pid=host IMAGE'), 'asks for --pid=host');
  assert.equal(
    privilegedLabel('INSTALL', 'docker run -v /var/run/docker.sock:/var/run/docker.sock IMAGE'),
    'asks for /var/run/docker.sock',
  );
  assert.equal(privilegedLabel('RUN', 'docker run --cap-add=NET_BIND_SERVICE IMAGE'), undefined);
  assert.equal(privilegedLabel('unprivileged', 'true'), undefined);
});
