import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildLayer, writeOciLayout } from '../../test/testbed/evil-layers.js';
import { buildDatabase } from '../vulndb/db.js';
import type { Advisory } from '../vulndb/types.js';
import { scanTarget } from './scan-target.js';

const STATUS = `Package: libexample1
Status: install ok installed
Architecture: amd64
Source: example
Version: 1.0-1
Description: a library

`;

/**
 * The whole scan pipeline on a two-layer image: the finding names the layer that installed the
 * package and the build step that created it, and the gate reads the budget.
 */
describe('scanTarget', () => {
  it('reports the vulnerable package with its layer and the Dockerfile step that installed it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-scan-target-'));
    const base = await buildLayer(
      [
        { name: 'etc/', type: 'directory' },
        { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' },
      ],
      'gzip',
    );
    const app = await buildLayer(
      [
        { name: 'var/lib/dpkg/', type: 'directory' },
        { name: 'var/lib/dpkg/status', content: STATUS },
      ],
      'gzip',
    );
    const layout = await writeOciLayout(join(dir, 'image'), [base, app], {
      createdBy: ['ADD rootfs.tar /', 'RUN /bin/sh -c apt-get install -y libexample1'],
    });
    const advisory: Advisory = {
      id: 'CVE-2099-0001',
      aliases: [],
      source: 'test',
      namespace: 'debian:12',
      package: 'example',
      status: 'fixed',
      ranges: [[{ introduced: '0' }, { fixed: '1.0-2' }]],
      versions: [],
      fixedVersion: '1.0-2',
      severity: 'high',
      severitySource: 'debian-urgency',
      cvss: [],
    };
    const dbPath = join(dir, 'db', 'drydock.db');
    await buildDatabase(dbPath, (writer) => {
      writer.add(advisory, 'test');
    });
    const report = await scanTarget(layout.ref, { dbPath, policy: { max: { high: 0 } } });
    assert.equal(report.verdict.findings.length, 1);
    const f = report.verdict.findings[0]?.finding;
    assert.equal(f?.id, 'CVE-2099-0001');
    assert.equal(f?.package.name, 'libexample1');
    assert.equal(f?.fixedVersion, '1.0-2');
    assert.equal(f?.layer, layout.layerDigests[1]);
    assert.equal(f?.layerCreatedBy, 'RUN /bin/sh -c apt-get install -y libexample1');
    assert.equal(report.verdict.exitCode, 1);
    assert.deepEqual(
      report.upgrades.map((u) => [u.package.name, u.to]),
      [['libexample1', '1.0-2']],
    );
  });
});
