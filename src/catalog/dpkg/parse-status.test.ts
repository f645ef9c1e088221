import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { splitStanzas } from '../stanzas.js';
import { parseDpkgStatus, parseFields, parseFileList, parseSourceField } from './parse-status.js';

const here = import.meta.dirname;
const shared = join(here, '../../../../shared/data/pkgdb/dpkg');
const testdata = join(here, 'testdata');

/**
 * The independent count: split the text on blank lines with a regex and keep stanzas with a
 * Package and a Version whose Status is `install|hold ok installed` (or, in status.d, absent).
 */
function expectedInstalled(text: string, statusD: boolean): string[] {
  return text
    .split(/\r?\n[ \t\r]*\n/)
    .filter((s) => /^Package:[ \t]*\S/m.test(s) && /^Version:[ \t]*\S/m.test(s))
    .filter((s) => /^Status: (install|hold) ok installed\r?$/m.test(s) || (statusD && !/^Status:/m.test(s)))
    .map((s) => /^Package:[ \t]*(\S+)/m.exec(s)?.[1] ?? '');
}

function sharedFiles(): { path: string; statusD: boolean }[] {
  const out: { path: string; statusD: boolean }[] = [];
  for (const dir of readdirSync(shared)) {
    if (dir === 'debian-image-manifests') continue;
    const full = join(shared, dir);
    if (existsSync(join(full, 'status'))) out.push({ path: join(full, 'status'), statusD: false });
    // The syft__*status.d folders hold status.d files (one or several stanzas each).
    if (dir.includes('status.d')) {
      for (const f of readdirSync(full)) if (!f.endsWith('.md5sums')) out.push({ path: join(full, f), statusD: true });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

describe('dpkg status parser on real files', () => {
  it('parses every ../shared status and status.d file to the independently counted installed set', (t) => {
    if (!existsSync(shared)) {
      t.skip(`${shared} not found (the shared pkgdb fixtures are not checked out)`);
      return;
    }
    const files = sharedFiles();
    assert.ok(files.length >= 14, `only ${files.length} files`);
    let total = 0;
    for (const { path, statusD } of files) {
      const content = readFileSync(path);
      const result = parseDpkgStatus(content, { missingStatusMeansInstalled: statusD });
      const want = expectedInstalled(content.toString('utf8'), statusD);
      assert.deepEqual(
        result.entries.map((e) => e.name),
        want,
        path,
      );
      total += result.entries.length;
      t.diagnostic(
        `${path.slice(shared.length + 1)}: ${result.entries.length} installed, ${result.notInstalled} not installed, ${result.issues.length} issues`,
      );
    }
    t.diagnostic(`${files.length} files, ${total} installed packages`);
  });

  it('reads Source, epochs and Installed-Size from real stanzas', (t) => {
    if (!existsSync(shared)) {
      t.skip(`${shared} not found`);
      return;
    }
    const texlive = parseDpkgStatus(readFileSync(join(shared, 'claircore__texlive/status')), {
      missingStatusMeansInstalled: false,
    });
    const ssl = texlive.entries.find((e) => e.name === 'libssl1.1');
    assert.deepEqual(ssl, {
      name: 'libssl1.1',
      version: '1.1.1-1ubuntu2.1~18.04.5',
      arch: 'amd64',
      sourceName: 'openssl',
      installedSize: 3933 * 1024,
      maintainer: 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>',
      line: ssl?.line,
    });
    // An epoch stays in the version; the Source version (no epoch) differs and is kept.
    const mount = texlive.entries.find((e) => e.name === 'bsdutils');
    assert.equal(mount?.version, '1:2.31.1-0.4ubuntu3.6');
    assert.equal(mount?.sourceName, 'util-linux');
    assert.equal(mount?.sourceVersion, '2.31.1-0.4ubuntu3.6');
    // No Source field: the package is its own source.
    const noSource = texlive.entries.find((e) => e.name === 'adduser');
    assert.equal(noSource?.sourceName, 'adduser');
    assert.equal(noSource?.sourceVersion, undefined);
    const scalibr = parseDpkgStatus(readFileSync(join(shared, 'osv-scalibr__valid/status')), {
      missingStatusMeansInstalled: false,
    });
    const binNmu = scalibr.entries.find((e) => e.version === '2.38.1-5+b1');
    assert.equal(binNmu?.sourceName, 'util-linux');
    assert.equal(binNmu?.sourceVersion, '2.38.1-5');
    // A deinstalled stanza (trivy's `git`, `deinstall ok config-files`) is known but not installed.
    const trivy = parseDpkgStatus(readFileSync(join(shared, 'trivy__valid/status')), {
      missingStatusMeansInstalled: false,
    });
    assert.equal(trivy.notInstalled, 1);
    assert.equal(
      trivy.entries.find((e) => e.name === 'git'),
      undefined,
    );
    // `Installed-Size: 4KB` (syft's odd fixture) still reads as 4 KiB.
    const size = parseDpkgStatus(readFileSync(join(shared, 'syft__status.d/installed-size-4KB')), {
      missingStatusMeansInstalled: true,
    });
    assert.equal(size.entries[0]?.installedSize, 4096);
  });

  it('copied testdata parses without ../shared', () => {
    const pg = parseDpkgStatus(readFileSync(join(testdata, 'postgresql.status')), {
      missingStatusMeansInstalled: false,
    });
    assert.deepEqual(
      pg.entries.map((e) => [e.name, e.version, e.sourceName, e.sourceVersion]),
      [
        ['postgresql-client', '11+200+deb10u5', 'postgresql-common', '200+deb10u5'],
        ['postgresql-client-11', '11.22-0+deb10u2', 'postgresql-11', undefined],
        ['postgresql-client-common', '200+deb10u5', 'postgresql-common', undefined],
      ],
    );
    assert.deepEqual(pg.issues, []);
    const sqlite = parseDpkgStatus(readFileSync(join(testdata, 'status.d/libsqlite3-0')), {
      missingStatusMeansInstalled: true,
    });
    assert.deepEqual(
      sqlite.entries.map((e) => [e.name, e.version, e.arch, e.sourceName]),
      [['libsqlite3-0', '3.34.1-3', 'arm64', 'sqlite3']],
    );
  });
});

describe('dpkg control syntax', () => {
  it('parses Source with and without a version', () => {
    assert.deepEqual(parseSourceField('openssl'), { name: 'openssl' });
    assert.deepEqual(parseSourceField('openssl (3.0.11-1~deb12u2)'), { name: 'openssl', version: '3.0.11-1~deb12u2' });
    assert.deepEqual(parseSourceField(' glibc  '), { name: 'glibc' });
    assert.equal(parseSourceField('a b c'), undefined);
  });

  it('joins continuation lines, keeps ` .` as an empty line, ignores case of field names and CRLF', () => {
    const text = 'Package: x\r\nversion: 1\r\nDescription: short\r\n long one\r\n .\r\n\tend\r\n';
    const [stanza] = [...splitStanzas(Buffer.from(text))];
    assert.ok(stanza);
    const issues: { line: number; message: string }[] = [];
    const fields = parseFields(stanza, issues);
    assert.equal(fields.get('version'), '1');
    assert.equal(fields.get('description'), 'short\nlong one\n\nend');
    assert.deepEqual(issues, []);
  });

  it('splits stanzas on blank and whitespace-only lines, ignoring empty trailing stanzas', () => {
    const text =
      '\n\nPackage: a\nStatus: install ok installed\nVersion: 1\n \t\r\nPackage: b\nStatus: hold ok installed\nVersion: 2\n\n\n\n';
    const stanzas = [...splitStanzas(Buffer.from(text))];
    assert.deepEqual(
      stanzas.map((s) => s.line),
      [3, 7],
    );
    const result = parseDpkgStatus(Buffer.from(text), { missingStatusMeansInstalled: false });
    assert.deepEqual(
      result.entries.map((e) => e.name),
      ['a', 'b'],
    );
    assert.deepEqual(result.issues, []);
  });

  it('counts only install/hold ok installed; other states are skipped silently, bad ones with an issue', () => {
    const stanza = (name: string, status: string) => `Package: ${name}\nStatus: ${status}\nVersion: 1\n`;
    const text = [
      stanza('a', 'install ok installed'),
      stanza('b', 'hold ok installed'),
      stanza('c', 'deinstall ok config-files'),
      stanza('d', 'install ok unpacked'),
      stanza('e', 'install reinstreq half-installed'),
      stanza('f', 'purge ok not-installed'),
      stanza('g', 'install ok inst'),
      'Package: h\nVersion: 1\n',
    ].join('\n');
    const result = parseDpkgStatus(Buffer.from(text), { missingStatusMeansInstalled: false });
    assert.deepEqual(
      result.entries.map((e) => e.name),
      ['a', 'b'],
    );
    assert.equal(result.notInstalled, 4);
    assert.deepEqual(
      result.issues.map((i) => [i.line, i.message]),
      [
        [25, 'g: invalid Status "install ok inst", skipped'],
        [29, 'h: no Status field, skipped'],
      ],
    );
  });

  it('reads file lists as image paths', () => {
    assert.deepEqual(parseFileList(Buffer.from('/.\n/usr\n/usr/bin/x\r\n\n')), ['usr', 'usr/bin/x']);
  });
});

describe('malformed status files keep the other packages', () => {
  const base = readFileSync(join(testdata, 'postgresql.status'));
  const names = ['postgresql-client', 'postgresql-client-11', 'postgresql-client-common'];

  it('a truncated last stanza', () => {
    const cut = base.subarray(0, base.lastIndexOf('Status: install') + 'Status: inst'.length);
    const result = parseDpkgStatus(cut, { missingStatusMeansInstalled: false });
    assert.deepEqual(
      result.entries.map((e) => e.name),
      names.slice(0, 2),
    );
    assert.deepEqual(
      result.issues.map((i) => i.message),
      [
        'postgresql-client-common: invalid Status "inst", skipped',
        'file does not end with a newline: last stanza may be truncated',
      ],
    );
    // Cut inside a field name: the partial line is reported too.
    const cut2 = base.subarray(0, base.lastIndexOf('Status: install') + 'Stat'.length);
    const result2 = parseDpkgStatus(cut2, { missingStatusMeansInstalled: false });
    assert.equal(result2.entries.length, 2);
    assert.match(result2.issues[0]?.message ?? '', /not a "Field: value" line: "Stat"/);
    assert.match(result2.issues[1]?.message ?? '', /no Status field/);
  });

  it('a stanza without Package and a stanza with an empty Package', () => {
    const text = `Status: install ok installed\nVersion: 9\n\nPackage:\nStatus: install ok installed\nVersion: 9\n\n${base.toString('utf8')}`;
    const result = parseDpkgStatus(Buffer.from(text), { missingStatusMeansInstalled: false });
    assert.deepEqual(
      result.entries.map((e) => e.name),
      names,
    );
    assert.deepEqual(
      result.issues.map((i) => [i.line, i.message]),
      [
        [1, 'stanza without Package, skipped'],
        [4, 'stanza without Package, skipped'],
      ],
    );
    assert.equal(result.entries[0]?.line, 8);
  });

  it('bad UTF-8 in one stanza: that stanza is read as latin1 with an issue, the others as UTF-8', () => {
    const bad = Buffer.concat([
      Buffer.from('Package: caf\nStatus: install ok installed\nVersion: 1\nMaintainer: Jos'),
      Buffer.from([0xe9, 0xff]), // latin1 é, then a byte that is never valid UTF-8
      Buffer.from(' <j@example.org>\n\n'),
      Buffer.from('Package: ok\nStatus: install ok installed\nVersion: 2\nMaintainer: Timo Teräs <t@example.org>\n'),
    ]);
    const result = parseDpkgStatus(bad, { missingStatusMeansInstalled: false });
    assert.deepEqual(
      result.entries.map((e) => [e.name, e.maintainer]),
      [
        ['caf', 'Jos\u00e9\u00ff <j@example.org>'],
        ['ok', 'Timo Teräs <t@example.org>'],
      ],
    );
    assert.deepEqual(
      result.issues.map((i) => i.message),
      ['caf: stanza is not valid UTF-8, read as latin1'],
    );
  });

  it('a duplicate field and a junk line', () => {
    const text = 'Package: a\nVersion: 1\nVersion: 2\n continued\njunk\nStatus: install ok installed\n';
    const result = parseDpkgStatus(Buffer.from(text), { missingStatusMeansInstalled: false });
    assert.deepEqual(
      result.entries.map((e) => e.version),
      ['1'],
    );
    assert.deepEqual(
      result.issues.map((i) => [i.line, i.message]),
      [
        [3, 'duplicate field Version, first one kept'],
        [4, 'continuation line before any field'],
        [5, 'not a "Field: value" line: "junk"'],
      ],
    );
  });

  it('a 100 MB generated status file parses in one linear pass', (t) => {
    const stanza = base.toString('utf8').split('\n\n')[1] ?? '';
    const chunks: string[] = [];
    let size = 0;
    let n = 0;
    while (size < 100 * 1024 * 1024) {
      const s = stanza.replace(/^Package: .*$/m, `Package: pkg${n}`);
      chunks.push(s, '\n\n');
      size += Buffer.byteLength(s) + 2;
      n++;
    }
    const big = Buffer.from(chunks.join(''));
    chunks.length = 0;
    const half = big.subarray(0, big.indexOf('\n\n', big.length >> 1) + 2);
    const timeOf = (buf: Buffer) => {
      const start = process.hrtime.bigint();
      const result = parseDpkgStatus(buf, { missingStatusMeansInstalled: false });
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
    };
    // Warm the JIT first so the two measured runs compare like with like.
    timeOf(big.subarray(0, big.indexOf('\n\n', 8 << 20) + 2));
    const halfRun = timeOf(half);
    const full = timeOf(big);
    assert.equal(full.result.entries.length, n);
    assert.deepEqual(full.result.issues, []);
    t.diagnostic(
      `${(big.length / 2 ** 20).toFixed(0)} MiB, ${n} stanzas: ${full.ms.toFixed(0)} ms; half: ${halfRun.ms.toFixed(0)} ms`,
    );
    // Linear: twice the input must not take much more than twice the time (generous for a shared CI box).
    assert.ok(full.ms < halfRun.ms * 4 + 300, `not linear: ${full.ms} ms vs ${halfRun.ms} ms for half`);
    assert.ok(full.ms < 30_000, `${full.ms} ms`);
  });
});
