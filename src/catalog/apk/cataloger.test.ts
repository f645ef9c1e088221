import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileEntry } from '../../sources/types.js';
import { catalogTarget } from '../index.js';
import { ApkCataloger, createApkCataloger } from './cataloger.js';
import { parseApkInstalled } from './parse-installed.js';

const here = import.meta.dirname;
const shared = join(here, '../../../../shared/data/pkgdb/apk');
const rootfs311 = join(here, 'testdata/alpine-3.11');
const INSTALLED = 'lib/apk/db/installed';

/** The independent count: stanzas (split on blank lines by regex) with a `P:` and a `V:` line. */
function expected(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .filter((s) => /^P:\S/m.test(s) && /^V:\S/m.test(s))
    .map((s) => /^P:(\S+)/m.exec(s)?.[1] ?? '');
}

function entry(path: string): FileEntry {
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 0 };
}

describe('apk installed database on real files', () => {
  it('parses every ../shared installed file to the independently counted set', (t) => {
    if (!existsSync(shared)) {
      t.skip(`${shared} not found (the shared pkgdb fixtures are not checked out)`);
      return;
    }
    const dirs = readdirSync(shared).filter((d) => existsSync(join(shared, d, 'installed')));
    assert.ok(dirs.length >= 5, dirs.join());
    for (const dir of dirs) {
      const content = readFileSync(join(shared, dir, 'installed'));
      const text = content.toString('utf8');
      const result = parseApkInstalled(content, { fileLists: true });
      assert.deepEqual(
        result.entries.map((e) => e.name),
        expected(text),
        dir,
      );
      // Every P: line is either a package or a reported skip.
      const pLines = text.match(/^P:/gm)?.length ?? 0;
      assert.equal(result.entries.length + result.issues.filter((i) => /skipped/.test(i.message)).length, pLines, dir);
      // File lists: as many files as R: lines.
      assert.equal(
        result.entries.reduce((n, e) => n + (e.files?.length ?? 0), 0),
        [...text.split(/\n\s*\n/)]
          .filter((s) => /^P:\S/m.test(s) && /^V:\S/m.test(s))
          .reduce((n, s) => n + (s.match(/^R:/gm)?.length ?? 0), 0),
        dir,
      );
      t.diagnostic(
        `${dir}: ${result.entries.length} packages (${pLines} P: lines), issues: ${JSON.stringify(result.issues)}`,
      );
    }
  });

  it('reads the fields of a real stanza', () => {
    const result = parseApkInstalled(readFileSync(join(rootfs311, INSTALLED)), { fileLists: true });
    assert.deepEqual(result.issues, []);
    const musl = result.entries[0];
    assert.deepEqual(musl, {
      name: 'musl',
      version: '1.1.24-r2',
      arch: 'x86_64',
      origin: 'musl',
      license: 'MIT',
      maintainer: 'Timo Teräs <timo.teras@iki.fi>',
      installedSize: 614400,
      files: ['lib/libc.musl-x86_64.so.1', 'lib/ld-musl-x86_64.so.1'],
      line: 1,
    });
    // A subpackage names its origin.
    const libcrypto = result.entries.find((e) => e.name.startsWith('libcrypto'));
    assert.equal(libcrypto?.origin, 'openssl');
  });
});

describe('ApkCataloger', () => {
  it('asks for lib/apk/db/installed only', () => {
    assert.equal(ApkCataloger.name, 'apk');
    assert.equal(ApkCataloger.required(entry(INSTALLED)), true);
    assert.equal(ApkCataloger.required({ ...entry(INSTALLED), type: 'symlink' }), false);
    assert.equal(ApkCataloger.required(entry('lib/apk/db/triggers')), false);
    assert.equal(ApkCataloger.required(entry('etc/apk/world')), false);
  });

  for (const version of ['3.10', '3.11']) {
    it(`catalogs the alpine ${version} image files as a dir: rootfs, distro from its os-release`, async (t) => {
      const from = join(shared, `trivy__alpine-${version}-image`);
      if (!existsSync(from)) {
        t.skip(`${from} not found`);
        return;
      }
      const root = mkdtempSync(join(tmpdir(), 'drydock-apk-'));
      try {
        mkdirSync(join(root, 'lib/apk/db'), { recursive: true });
        mkdirSync(join(root, 'etc'));
        cpSync(join(from, 'installed'), join(root, INSTALLED));
        cpSync(join(from, 'os-release'), join(root, 'etc/os-release'));
        const text = readFileSync(join(from, 'installed'), 'utf8');
        const osVersion = /^VERSION_ID=(\S+)$/m.exec(readFileSync(join(from, 'os-release'), 'utf8'))?.[1];
        assert.ok(osVersion?.startsWith(`${version}.`));
        const sbom = await catalogTarget(`dir:${root}`, { catalogers: [ApkCataloger] });
        assert.equal(sbom.distro?.id, 'alpine');
        assert.equal(sbom.distro?.versionId, osVersion);
        assert.deepEqual(sbom.warnings, []);
        assert.deepEqual(sbom.packages.map((p) => p.name).sort(), expected(text).sort());
        for (const p of sbom.packages) {
          assert.equal(p.type, 'apk');
          assert.equal(p.foundBy, 'apk');
          assert.deepEqual(p.locations, [{ path: INSTALLED }]);
          assert.match(p.purl, new RegExp(`^pkg:apk/alpine/[^@]+@[^?]+\\?arch=x86_64&distro=alpine-${osVersion}`));
          assert.equal(p.metadata.files, undefined);
        }
        const ssl = sbom.packages.find((p) => p.name.startsWith('libssl'));
        assert.ok(ssl?.purl.endsWith('&upstream=openssl'), ssl?.purl);
        assert.equal(ssl?.metadata.sourceName, 'openssl');
        const musl = sbom.packages.find((p) => p.name === 'musl');
        assert.equal(musl?.purl, `pkg:apk/alpine/musl@${musl?.version}?arch=x86_64&distro=alpine-${osVersion}`);
        assert.deepEqual(musl?.metadata.licenses, ['MIT']);
        t.diagnostic(`${sbom.packages.length} packages, e.g. ${ssl?.purl}`);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('keeps file lists when asked and reports malformed stanzas with path and line', async () => {
    const good = readFileSync(join(rootfs311, INSTALLED));
    const bad = Buffer.concat([
      Buffer.from('V:1.0\nA:x86_64\n\nP:nover\nA:x86_64\n\nP:latin\nV:1-r0\nm:Jos'),
      Buffer.from([0xe9]),
      Buffer.from('\njunk line\n\n'),
      good.subarray(0, good.indexOf('\nP:busybox') + '\nP:busybox\nV:'.length), // cut inside busybox's stanza
    ]);
    const result = await createApkCataloger({ fileLists: true }).catalog({
      distro: { id: 'alpine', versionId: '3.11.5' },
      files: new Map([[INSTALLED, { entry: entry(INSTALLED), content: bad }]]),
    });
    assert.deepEqual(
      result.packages.map((p) => [p.name, p.metadata.maintainer, p.metadata.files?.length]),
      [
        ['latin', 'José', 0],
        ['musl', 'Timo Teräs <timo.teras@iki.fi>', 2],
      ],
    );
    assert.deepEqual(
      result.warnings.map((w) => [w.line, w.message]),
      [
        [1, 'apk: stanza without P: (package name), skipped'],
        [4, 'apk: nover: no V: (version), skipped'],
        [10, 'apk: not a "X:value" line: "junk line"'],
        [7, 'apk: latin: stanza is not valid UTF-8, read as latin1'],
        [34, 'apk: busybox: no V: (version), skipped'],
        [36, 'apk: file does not end with a newline: last stanza may be truncated'],
      ],
    );
    assert.ok(result.warnings.every((w) => w.path === INSTALLED));
  });
});
