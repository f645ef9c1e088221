import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrydockError } from '../core/errors.js';
import {
  formatPlatform,
  hostPlatform,
  normalizePlatform,
  parsePlatform,
  platformMatches,
  selectManifest,
} from './platform.js';
import type { Descriptor, Platform } from './types.js';

const d = (name: string, platform?: Platform, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: `sha256:${name.padEnd(64, '0')}`,
  size: 1,
  ...(platform === undefined ? {} : { platform }),
  ...extra,
});

describe('platform', () => {
  it('parses os/arch[/variant] and normalises names as containerd does', () => {
    assert.deepEqual(parsePlatform('linux/amd64'), { os: 'linux', architecture: 'amd64' });
    assert.deepEqual(parsePlatform('linux/arm64'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(parsePlatform('linux/aarch64'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(parsePlatform('linux/arm'), { os: 'linux', architecture: 'arm', variant: 'v7' });
    assert.deepEqual(parsePlatform('Linux/ARM/v6'), { os: 'linux', architecture: 'arm', variant: 'v6' });
    assert.deepEqual(parsePlatform('x86_64'), { os: 'linux', architecture: 'amd64' });
    assert.equal(formatPlatform(parsePlatform('linux/arm/v6')), 'linux/arm/v6');
    for (const bad of ['', 'linux/', '/amd64', 'a/b/c/d']) {
      assert.throws(
        () => parsePlatform(bad),
        (e: unknown) => e instanceof DrydockError && e.code === 'usage',
      );
    }
  });

  it('maps process.arch to OCI names', () => {
    assert.deepEqual(hostPlatform('x64'), { os: 'linux', architecture: 'amd64' });
    assert.deepEqual(hostPlatform('arm64'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(hostPlatform('arm', '6'), { os: 'linux', architecture: 'arm', variant: 'v6' });
    assert.deepEqual(hostPlatform('arm', undefined), { os: 'linux', architecture: 'arm', variant: 'v7' });
    assert.deepEqual(hostPlatform('ia32'), { os: 'linux', architecture: '386' });
    assert.deepEqual(hostPlatform('s390x'), { os: 'linux', architecture: 's390x' });
  });

  it('treats arm64 and arm64/v8 as the same platform', () => {
    assert.ok(
      platformMatches({ os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }),
    );
    assert.ok(
      platformMatches({ os: 'linux', architecture: 'arm64', variant: 'v8' }, { os: 'linux', architecture: 'arm64' }),
    );
    assert.ok(!platformMatches({ os: 'linux', architecture: 'arm' }, { os: 'linux', architecture: 'arm64' }));
    assert.deepEqual(normalizePlatform({ os: 'linux', architecture: 'amd64', variant: 'v1' }), {
      os: 'linux',
      architecture: 'amd64',
    });
  });

  const index = {
    manifests: [
      d('a1', { os: 'linux', architecture: 'amd64' }),
      d('a2', { os: 'linux', architecture: 'arm', variant: 'v6' }),
      d('a3', { os: 'linux', architecture: 'arm', variant: 'v7' }),
      d('a4', { os: 'linux', architecture: 'arm64', variant: 'v8' }),
      d('a5', { os: 'unknown', architecture: 'unknown' }),
    ],
  };

  it('selects the exact platform, arm64 ≈ arm64/v8, and the nearest older arm variant', () => {
    assert.equal(selectManifest(index, { os: 'linux', architecture: 'amd64' }).digest, index.manifests[0]?.digest);
    assert.equal(selectManifest(index, { os: 'linux', architecture: 'arm64' }).digest, index.manifests[3]?.digest);
    assert.equal(selectManifest(index, parsePlatform('linux/arm/v7')).digest, index.manifests[2]?.digest);
    assert.equal(selectManifest(index, parsePlatform('linux/arm/v8')).digest, index.manifests[2]?.digest);
    assert.equal(selectManifest(index, parsePlatform('linux/arm/v6')).digest, index.manifests[1]?.digest);
  });

  it('never picks an attestation manifest and lists what the index offers when nothing matches', () => {
    assert.throws(
      () => selectManifest(index, { os: 'unknown', architecture: 'unknown' }, 'registry:x/y:1'),
      (e: unknown) => e instanceof DrydockError && /unknown\/unknown/.test(e.message),
    );
    assert.throws(
      () => selectManifest(index, parsePlatform('linux/s390x'), 'registry:docker.io/library/alpine:3'),
      (e: unknown) =>
        e instanceof DrydockError &&
        e.message ===
          'no image for platform linux/s390x; the index offers linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64/v8' &&
        e.where === 'registry:docker.io/library/alpine:3' &&
        e.hint !== undefined,
    );
  });
});
