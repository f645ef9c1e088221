import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RecordedTrivyList } from '../bench/sbom.js';
import { DpkgCataloger } from '../src/catalog/dpkg/cataloger.js';
import { catalogTarget } from '../src/catalog/index.js';
import { pythonImageOrSkip } from './testbed/python-image.js';

/**
 * drydock's OS packages for the python3 image equal Trivy 0.68.2's, as recorded by `npm run bench`
 * (bench/sbom.ts) in test/fixtures/trivy/. The recording is tied to the image digest: an image built
 * from a newer Debian point release has other versions, and the comparison is skipped until the
 * benchmark records Trivy's list again.
 */
describe('SBOM parity with Trivy (recorded)', () => {
  it('python3 image: same deb packages (name, version with epoch, arch) as trivy image --input', async (t) => {
    const image = await pythonImageOrSkip(t);
    if (!image) return;
    const recorded = JSON.parse(
      readFileSync(join(import.meta.dirname, 'fixtures/trivy/python3-image.packages.json'), 'utf8'),
    ) as RecordedTrivyList;
    if (recorded.manifestDigest !== image.dockerArchive.manifestDigest) {
      return t.skip(
        `image ${image.dockerArchive.manifestDigest} differs from the recorded ${recorded.manifestDigest}: run npm run bench to record Trivy again`,
      );
    }
    const sbom = await catalogTarget(`docker-archive:${image.dockerArchive.path}`, { catalogers: [DpkgCataloger] });
    const ours = sbom.packages.map((p) => `${p.name} ${p.version} ${p.metadata.arch ?? ''}`).sort();
    const trivy = recorded.packages.map((p) => `${p.name} ${p.version} ${p.arch ?? ''}`).sort();
    assert.equal(trivy.length, image.stats.dpkgPackages);
    assert.deepEqual(ours, trivy);
  });
});
