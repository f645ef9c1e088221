import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import { parseRegistryReference, schemeFor, withDigest } from './reference.js';

const D = `sha256:${'ab'.repeat(32)}`;

describe('parseRegistryReference', () => {
  it('normalises Docker Hub short names and maps the API host', () => {
    const r = parseRegistryReference('python:3.11-slim-bookworm');
    assert.equal(r.registry, 'docker.io');
    assert.equal(r.apiHost, 'registry-1.docker.io');
    assert.equal(r.repository, 'library/python');
    assert.equal(r.tag, '3.11-slim-bookworm');
    assert.equal(r.reference, '3.11-slim-bookworm');
    assert.equal(r.canonical, 'docker.io/library/python:3.11-slim-bookworm');
    assert.equal(r.familiar, 'python:3.11-slim-bookworm');
    assert.equal(parseRegistryReference('index.docker.io/library/python').canonical, 'docker.io/library/python:latest');
    assert.equal(parseRegistryReference('bitnami/node').repository, 'bitnami/node');
  });
  it('defaults the tag to latest only without a digest', () => {
    assert.equal(parseRegistryReference('alpine').tag, 'latest');
    const r = parseRegistryReference(`alpine@${D}`);
    assert.equal(r.tag, undefined);
    assert.equal(r.reference, D);
    assert.equal(r.canonical, `docker.io/library/alpine@${D}`);
  });
  it('keeps host:port registries and asks by digest when both tag and digest are given', () => {
    const r = parseRegistryReference(`host:5000/a/b:t@${D}`);
    assert.equal(r.registry, 'host:5000');
    assert.equal(r.apiHost, 'host:5000');
    assert.equal(r.repository, 'a/b');
    assert.equal(r.tag, 't');
    assert.equal(r.reference, D);
    assert.equal(r.familiar, `host:5000/a/b:t@${D}`);
    assert.equal(withDigest(r, `sha256:${'cd'.repeat(32)}`).reference, `sha256:${'cd'.repeat(32)}`);
  });
  it('accepts localhost and bracketed IPv6 registries', () => {
    assert.equal(parseRegistryReference('localhost/x').registry, 'localhost');
    const v6 = parseRegistryReference('[::1]:5000/team/app:1');
    assert.equal(v6.registry, '[::1]:5000');
    assert.equal(v6.repository, 'team/app');
    assert.equal(v6.canonical, '[::1]:5000/team/app:1');
  });
  it('rejects invalid references with a one-line DrydockError', () => {
    for (const bad of ['Python:3', 'a//b', 'x:', '', 'python@sha256:short', `u@sha512:${'c'.repeat(128)}`]) {
      assert.throws(
        () => parseRegistryReference(bad),
        (e: unknown) => e instanceof DrydockError && !e.toLine().includes('\n') && e.code === 'usage',
        bad,
      );
    }
  });
});

describe('schemeFor', () => {
  it('uses plain HTTP only for loopback and listed insecure registries', () => {
    assert.equal(schemeFor('localhost:5000'), 'http');
    assert.equal(schemeFor('127.0.0.1:5000'), 'http');
    assert.equal(schemeFor('127.1.2.3'), 'http');
    assert.equal(schemeFor('[::1]:5000'), 'http');
    assert.equal(schemeFor('registry-1.docker.io'), 'https');
    assert.equal(schemeFor('10.0.0.5:5000'), 'https');
    assert.equal(schemeFor('10.0.0.5:5000', ['10.0.0.5:5000']), 'http');
    assert.equal(schemeFor('reg.lan:5000', ['reg.lan']), 'http');
    assert.equal(schemeFor('127.0.0.1.evil.com'), 'https');
  });
});
