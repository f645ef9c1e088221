import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildLayer, writeOciLayout } from '../../../test/testbed/evil-layers.js';
import { scanTarget } from '../../match/scan-target.js';
import { importPaths } from '../../vulndb/importers/import-paths.js';
import { BASE_LAYER, runCase } from '../testdata/check-tester.js';
import { verifyImage } from '../verify-image.js';
import { DV8001 } from './DV8001.js';

const OSV_AIOHTTP = join(import.meta.dirname, '../../../../shared/data/osv/pypi/vulns/aiohttp');
const METADATA = {
  name: 'usr/local/lib/python3.11/site-packages/aiohttp-3.8.5.dist-info/METADATA',
  content: 'Metadata-Version: 2.1\nName: aiohttp\nVersion: 3.8.5\n',
};

/**
 * The gate is `drydock scan` with the guide's budget: the real PyPA advisories for aiohttp against
 * an image holding aiohttp 3.8.5. Its counts and verdict must be scan's own for the same image.
 */
describe('DV8001 Known vulnerabilities within budget', () => {
  let dir = '';
  let dbPath = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-dv8001-'));
    dbPath = join(dir, 'vuln.db');
    if (existsSync(OSV_AIOHTTP)) await importPaths([OSV_AIOHTTP], { dbPath });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips without a database', async () => {
    const { result } = await runCase(DV8001, { name: 'no db', status: 'skip' }, join(dir, 'a'));
    assert.equal(result.status, 'skip');
    assert.match(result.evidence, /^no vulnerability database at .*no-such\.db \(run `drydock db update`\)$/);
  });

  it('counts exactly what drydock scan counts, and gates on the same budget', async (t) => {
    if (!existsSync(OSV_AIOHTTP)) return t.skip('../shared/data not present');
    const layout = await writeOciLayout(join(dir, 'b'), [await buildLayer(BASE_LAYER), await buildLayer([METADATA])]);
    // Both read ./.drydockignore.yaml if there is one: the same accepted risks either way.
    const scan = await scanTarget(layout.ref, { dbPath, policy: { max: { critical: 0, high: 9 } } });
    const by = scan.verdict.counts.bySeverity;
    assert.ok(scan.verdict.counts.total > 0, 'aiohttp 3.8.5 has published advisories');
    for (const [max, expected] of [
      [{ critical: 0, high: 9 }, scan.verdict.passed ? 'pass' : 'fail'],
      [{ critical: 0, high: 0, medium: 0, low: 0, unknown: 0 }, 'fail'],
      [{ critical: 99, high: 99, medium: 99, low: 99, unknown: 99 }, 'pass'],
    ] as const) {
      const report = await verifyImage(layout.ref, { checks: [DV8001], dbPath, max, offline: true });
      const r = report.results[0];
      assert.equal(r?.status, expected, r?.evidence);
      const data = r?.data as { counts: { bySeverity: Record<string, number>; total: number } };
      assert.deepEqual(data.counts.bySeverity, by);
      assert.ok(
        r?.evidence.startsWith(`${by.critical} critical, ${by.high} high, ${by.medium} medium, ${by.low} low (budget `),
      );
      if (expected === 'fail') assert.ok((r?.findings.length ?? 0) === by.critical + by.high);
    }
  });
});
