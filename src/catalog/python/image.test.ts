import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pythonImageOrSkip } from '../../../test/testbed/python-image.js';
import { catalogTarget } from '../index.js';
import { PythonInstalledCataloger } from './installed-cataloger.js';
import { PythonLockCataloger } from './lock-cataloger.js';

/**
 * Independent count: list every site-packages / dist-packages directory of the unpacked rootfs and
 * count its `*.dist-info` directories with a METADATA and its `*.egg-info` entries (directories
 * with PKG-INFO, or legacy files).
 */
async function installedDistributions(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>(); // image path → directory-name stem
  const all = await readdir(root, { recursive: true, withFileTypes: true });
  for (const d of all) {
    if (!d.isDirectory() || (d.name !== 'site-packages' && d.name !== 'dist-packages')) continue;
    const dir = join(d.parentPath, d.name);
    const rel = dir.slice(root.length + 1);
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name.endsWith('.dist-info') && existsSync(join(dir, e.name, 'METADATA'))) {
        out.set(`${rel}/${e.name}/METADATA`, e.name);
      } else if (e.isDirectory() && e.name.endsWith('.egg-info') && existsSync(join(dir, e.name, 'PKG-INFO'))) {
        out.set(`${rel}/${e.name}/PKG-INFO`, e.name);
      } else if (e.isFile() && e.name.endsWith('.egg-info')) {
        out.set(`${rel}/${e.name}`, e.name);
      }
    }
  }
  return out;
}

describe('python catalogers on the python3 test image', () => {
  it('finds every installed distribution (pip, setuptools, wheel…) in the docker archive and the rootfs', async (t) => {
    const image = await pythonImageOrSkip(t);
    if (!image) return;
    const expected = await installedDistributions(image.rootfsDir);
    t.diagnostic(`${expected.size} installed distributions: ${[...expected.values()].join(', ')}`);
    assert.ok(expected.size >= 3);

    const catalogers = [PythonInstalledCataloger, PythonLockCataloger];
    for (const target of [`docker-archive:${image.dockerArchive.path}`, `dir:${image.rootfsDir}`]) {
      const sbom = await catalogTarget(target, { catalogers });
      assert.deepEqual(sbom.warnings, [], target);
      const installed = sbom.packages.filter((p) => p.foundBy === 'python-installed');
      assert.equal(installed.length, expected.size, target);
      assert.deepEqual(installed.map((p) => p.locations[0]?.path).sort(), [...expected.keys()].sort(), target);
      for (const p of installed) {
        // The directory is `<name>-<version>.dist-info`, with `-` in the name written as `_`.
        const stem = expected.get(p.locations[0]?.path ?? '') ?? '';
        assert.ok(stem.startsWith(`${p.name.replace(/-/g, '_')}-${p.version}`), `${p.name} ${p.version} in ${stem}`);
        assert.equal(p.type, 'python');
        if (target.startsWith('docker-archive:')) assert.match(p.locations[0]?.layer ?? '', /^sha256:/);
      }
      const names = new Set(installed.map((p) => p.name));
      for (const n of ['pip', 'setuptools', 'wheel']) assert.ok(names.has(n), `${n} in ${[...names].join(', ')}`);
      const pip = installed.find((p) => p.name === 'pip');
      assert.match(pip?.purl ?? '', /^pkg:pypi\/pip@23\./);
      assert.deepEqual(pip?.metadata.licenses, ['MIT']);
    }
  });
});
