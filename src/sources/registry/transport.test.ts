import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { DrydockError } from '../../core/errors.js';
import { joinHostPath as join } from '../../core/host-path.js';
import { BlobCache } from '../blob-cache.js';
import { parseManifest, RegistryClient } from './client.js';
import { DOCKER_SCHEMA1_SIGNED, OCI_MANIFEST } from './media-types.js';
import { parseRegistryReference } from './reference.js';

/**
 * What Distribution cannot show without S3 in front of it: a registry that redirects blob
 * downloads to another host (as Docker Hub, ghcr.io and ECR do). A small HTTP server on
 * 127.0.0.1 plays the registry (Basic auth, 307 to "storage"), another plays blob storage and
 * records the headers it got.
 */

const blob = Buffer.from('blob bytes served by storage\n');
const blobDigest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

describe('blob redirects', () => {
  const seenByStorage: IncomingHttpHeaders[] = [];
  const seenByRegistry: IncomingHttpHeaders[] = [];
  let storage: Server;
  let registry: Server;
  let storageHost = '';
  let registryHost = '';
  before(async () => {
    storage = createServer((req, res) => {
      seenByStorage.push(req.headers);
      res.writeHead(200, { 'content-length': String(blob.length) }).end(blob);
    });
    storageHost = await listen(storage);
    registry = createServer((req, res) => {
      seenByRegistry.push(req.headers);
      if (req.headers.authorization !== `Basic ${Buffer.from('u:redirect-pass').toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
        return;
      }
      res.writeHead(307, { location: `http://${storageHost}/bucket/blob?X-Amz-Signature=presigned-sig` }).end();
    });
    registryHost = await listen(registry);
  });
  after(() => {
    storage.close();
    registry.close();
  });

  it('follows the redirect without sending the registry Authorization to the storage host', async () => {
    const cache = new BlobCache(mkdtempSync(join(tmpdir(), 'drydock-redirect-')));
    const lines: string[] = [];
    const client = new RegistryClient({
      cache,
      log: (line) => lines.push(line),
      env: { DRYDOCK_REGISTRY_USER: 'u', DRYDOCK_REGISTRY_PASSWORD: 'redirect-pass', HOME: tmpdir() },
    });
    const path = await client.fetchBlob(parseRegistryReference(`${registryHost}/r/x:1`), {
      digest: blobDigest,
      size: blob.length,
    });
    assert.deepEqual(readFileSync(path), blob);
    assert.equal(seenByRegistry.length, 2); // anonymous → 401 → Basic
    assert.ok(seenByRegistry[1]?.authorization?.startsWith('Basic '));
    assert.equal(seenByStorage.length, 1);
    assert.equal(seenByStorage[0]?.authorization, undefined);
    // the debug log names every hop, with the pre-signed URL's signature and the password masked
    assert.ok(
      lines.some((l) => l.includes(`http://${storageHost}/bucket/blob?X-Amz-Signature=***`)),
      lines.join('\n'),
    );
    for (const secret of ['presigned-sig', 'redirect-pass', Buffer.from('u:redirect-pass').toString('base64')]) {
      assert.ok(!lines.join('\n').includes(secret));
    }
  });
});

describe('parseManifest', () => {
  it('refuses schema1 by media type or by body', () => {
    const body = Buffer.from(JSON.stringify({ schemaVersion: 1, name: 'x', fsLayers: [] }));
    for (const type of [DOCKER_SCHEMA1_SIGNED, 'application/json', undefined]) {
      assert.throws(
        () => parseManifest(body, type, 'x'),
        (e: unknown) => e instanceof DrydockError && /schema1 manifests are not supported/.test(e.message),
      );
    }
  });
  it('takes the media type from the body, else the header, else the shape', () => {
    const m = { schemaVersion: 2, config: { mediaType: 'c', digest: `sha256:${'0'.repeat(64)}`, size: 1 }, layers: [] };
    assert.equal(parseManifest(Buffer.from(JSON.stringify(m)), 'application/json', 'x').mediaType, OCI_MANIFEST);
    assert.equal(
      parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [] })), undefined, 'x').mediaType,
      'application/vnd.oci.image.index.v1+json',
    );
    assert.throws(() => parseManifest(Buffer.from('{"schemaVersion":2}'), undefined, 'x'), /not an image manifest/);
    assert.throws(() => parseManifest(Buffer.from('nope'), undefined, 'x'), /not JSON/);
    const badSize = { ...m, layers: [{ mediaType: 'l', digest: `sha256:${'1'.repeat(64)}`, size: -1 }] };
    assert.throws(() => parseManifest(Buffer.from(JSON.stringify(badSize)), undefined, 'x'), /malformed descriptor/);
    const badDigest = { ...m, layers: [{ mediaType: 'l', digest: 'sha256:../../etc/passwd', size: 1 }] };
    assert.throws(() => parseManifest(Buffer.from(JSON.stringify(badDigest)), undefined, 'x'), /malformed descriptor/);
  });
});
