import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureTestImages, imageOrSkip } from '../../../test/testbed/images.js';
import { pushImage, skopeoInspect } from '../../../test/testbed/push.js';
import { type RunningRegistry, startRegistry } from '../../../test/testbed/registry.js';
import { DrydockError } from '../../core/errors.js';
import { prepareLinter } from '../linter.js';
import { Dockerfile } from '../parse/dockerfile.js';
import { imageQueries, parseDigestFlags, resolveImageFacts } from './resolve-images.js';

const D1 = `sha256:${'1'.repeat(64)}`;

describe('imageQueries', () => {
  before(prepareLinter);

  it('lists unpinned FROMs (ARG defaults included), --from images, and bases a relative WORKDIR needs', () => {
    const file = new Dockerfile(
      'Dockerfile',
      [
        'ARG BASE=python:3.11',
        `FROM golang:1.22@${D1} AS build`,
        'WORKDIR src',
        'FROM ${BASE}',
        'COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/uv',
        'RUN --mount=type=bind,from=index.docker.io/library/python:3.11,target=/x true',
        'FROM scratch',
      ].join('\n'),
    );
    const queries = imageQueries(file).map((q) => [q.key, q.needsDigest, q.needsWorkingDir]);
    assert.deepEqual(queries, [
      ['docker.io/library/python:3.11', true, false],
      ['ghcr.io/astral-sh/uv:0.4', true, false],
      // Pinned already: only its WorkingDir is wanted, for `WORKDIR src`.
      ['docker.io/library/golang:1.22', false, true],
    ]);
  });
});

describe('parseDigestFlags', () => {
  it('keys digests like the Dockerfile images, and rejects malformed values with one line', () => {
    const map = parseDigestFlags([`python:3.11=${D1}`, `ghcr.io/org/app:1=${D1}`, `docker.io/library/debian=${D1}`]);
    assert.deepEqual(
      [...map.keys()],
      ['docker.io/library/python:3.11', 'ghcr.io/org/app:1', 'docker.io/library/debian:latest'],
    );
    for (const bad of ['python:3.11', 'python:3.11=sha256:abc', `Python:3=${D1}`, `python@${D1}=${D1}`]) {
      assert.throws(
        () => parseDigestFlags([bad]),
        (e: unknown) => e instanceof DrydockError && e.code === 'usage' && !e.toLine().includes('\n'),
        bad,
      );
    }
  });
});

describe('resolveImageFacts offline', () => {
  before(prepareLinter);

  it('takes --digest values and says why the others cannot be pinned', async () => {
    const file = new Dockerfile('Dockerfile', 'FROM python:3.11\nFROM debian:12\nWORKDIR app');
    const facts = await resolveImageFacts(file, {
      offline: true,
      digests: new Map([['docker.io/library/python:3.11', D1]]),
    });
    assert.deepEqual(Object.fromEntries(facts), {
      'docker.io/library/python:3.11': { digest: D1 },
      'docker.io/library/debian:12': { digestError: 'offline: no --digest given for debian:12' },
    });
  });
});

describe('resolveImageFacts against a real registry', () => {
  let registry: RunningRegistry | undefined;
  after(() => registry?.stop());

  /** The testbed's two-platform index pushed to a fresh registry; TestbedUnavailableError when it cannot be. */
  async function pushedIndex() {
    const images = await ensureTestImages();
    registry = await startRegistry();
    const layout = images.multiArchLayout;
    const indexDigest = await pushImage(`oci:${layout.dir}:${layout.tag}`, `${registry.host}/library/base:1`, {
      multiArch: true,
    });
    return { host: registry.host, indexDigest, amd64Digest: layout.manifests.amd64.manifestDigest };
  }

  it('pins to the multi-arch index digest the tag points at, and reads the WorkingDir', async (t) => {
    await prepareLinter();
    const pushed = await imageOrSkip(pushedIndex, t);
    if (!pushed) return;
    const { host, indexDigest, amd64Digest } = pushed;
    const file = new Dockerfile(
      'Dockerfile',
      `FROM ${host}/library/base:1\nWORKDIR app\nCOPY --from=${host}/library/none:1 /x /x`,
    );
    const facts = await resolveImageFacts(file);
    const base = facts.get(`${host}/library/base:1`);
    assert.equal(base?.digest, indexDigest);
    assert.equal(base?.digest, await skopeoInspect(`${host}/library/base:1`));
    assert.notEqual(base?.digest, amd64Digest, 'the index, not the amd64 manifest');
    // umoci writes no WorkingDir: the container starts in /.
    assert.equal(base?.workingDir, '');
    const missing = facts.get(`${host}/library/none:1`);
    assert.equal(missing?.digest, undefined);
    assert.match(missing?.digestError ?? '', /^cannot resolve .*none:1: /);
    assert.doesNotMatch(missing?.digestError ?? '', /\n/);
  });
});
