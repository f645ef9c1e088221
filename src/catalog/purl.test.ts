import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPurl } from './purl.js';

const debian = { id: 'debian', versionId: '12' };

describe('buildPurl', () => {
  it('OS packages carry distro, arch, upstream and a non-zero epoch as qualifiers', () => {
    assert.equal(
      buildPurl({
        type: 'deb',
        name: 'libssl3',
        version: '3.0.11-1~deb12u2',
        distro: debian,
        arch: 'amd64',
        upstream: 'openssl',
      }),
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl',
    );
    assert.equal(
      buildPurl({
        type: 'rpm',
        name: 'bash',
        version: '5.1-2.el9',
        distro: { id: 'rhel', versionId: '9' },
        arch: 'x86_64',
        epoch: 0,
      }),
      'pkg:rpm/rhel/bash@5.1-2.el9?arch=x86_64&distro=rhel-9',
    );
    assert.match(buildPurl({ type: 'rpm', name: 'x', version: '1-1', epoch: 2 }), /epoch=2/);
  });
  it('PyPI names are PEP 503-normalised and npm scopes become the namespace', () => {
    assert.equal(
      buildPurl({ type: 'python', name: 'Typing_Extensions', version: '4.4.0' }),
      'pkg:pypi/typing-extensions@4.4.0',
    );
    assert.equal(
      buildPurl({ type: 'npm', name: 'core', namespace: '@babel', version: '7.23.3' }),
      'pkg:npm/%40babel/core@7.23.3',
    );
  });
});
