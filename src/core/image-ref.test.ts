import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageBaseName, parseImageRef } from './image-ref.js';

describe('parseImageRef', () => {
  it('normalises Docker Hub short names', () => {
    const r = parseImageRef('python:3.11-slim-bookworm');
    assert.ok(r.ok);
    assert.equal(r.ref.registry, 'docker.io');
    assert.equal(r.ref.repository, 'library/python');
    assert.equal(r.ref.tag, '3.11-slim-bookworm');
    assert.equal(r.ref.familiar, 'python');
    assert.equal(imageBaseName(r.ref), 'python');
  });
  it('keeps registry ports, tags and digests', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const r = parseImageRef(`localhost:5000/team/app:1.2@${digest}`);
    assert.ok(r.ok);
    assert.equal(r.ref.registry, 'localhost:5000');
    assert.equal(r.ref.repository, 'team/app');
    assert.equal(r.ref.tag, '1.2');
    assert.equal(r.ref.digest, digest);
    assert.equal(r.ref.familiar, 'localhost:5000/team/app');
  });
  it('rejects invalid references with a reason', () => {
    const r = parseImageRef('Python:3');
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /lowercase/);
    assert.equal(parseImageRef('python@sha256:short').ok, false);
  });
});
