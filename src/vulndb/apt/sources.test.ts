import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { aptSourcesForImage, readAptSources, suitesToCheck } from './sources.js';

// Rule under test: each codename the image names is checked in its base, -updates and security
// suites; Debian's security suite lives in the `-security` archive beside `…/debian` (`<codename>/
// updates` before bullseye), Ubuntu's in the same archive; backports are never checked.

const list = (sources: { uri: string; suite: string; components: readonly string[] }[]) =>
  sources.map((s) => `${s.uri} ${s.suite} ${s.components.join(',')}`);

test('the stale testbed image: one main line becomes three suites', () => {
  const files = new Map([['etc/apt/sources.list', Buffer.from('deb http://deb.debian.org/debian bookworm main\n')]]);
  assert.deepEqual(list(aptSourcesForImage({ files }).sources), [
    'http://deb.debian.org/debian bookworm main',
    'http://deb.debian.org/debian bookworm-updates main',
    'http://deb.debian.org/debian-security bookworm-security main',
  ]);
});

test("this machine's deb822 debian.sources (which already names all three)", async (t) => {
  const text = await readFile('/etc/apt/sources.list.d/debian.sources').catch(() => undefined);
  if (!text) return t.skip('no /etc/apt/sources.list.d/debian.sources here');
  const files = new Map([['etc/apt/sources.list.d/debian.sources', text]]);
  const image = readAptSources(files).sources;
  // Independently: every URIs × Suites pair of every deb stanza, in file order.
  const expected: string[] = [];
  for (const stanza of text.toString('utf8').split(/\n\s*\n/)) {
    if (!/^Types:.*\bdeb\b/m.test(stanza)) continue;
    const words = (f: string) => new RegExp(`^${f}:\\s*(.*)$`, 'm').exec(stanza)?.[1]?.trim().split(/\s+/) ?? [];
    for (const u of words('URIs'))
      for (const s of words('Suites')) expected.push(`${u.replace(/\/+$/, '')} ${s} ${words('Components').join(',')}`);
  }
  assert.deepEqual(list(image), expected);
  // Nothing new to derive: the derived suites coincide with the listed ones.
  assert.deepEqual(list(suitesToCheck(image)).sort(), [...expected].sort());
});

test('one-line options, comments, deb-src, flat repositories, sources.list.d order', () => {
  const files = new Map([
    [
      'etc/apt/sources.list.d/z.list',
      Buffer.from('deb [arch=amd64 signed-by=/k.gpg] https://download.docker.com/linux/debian bookworm stable\n'),
    ],
    [
      'etc/apt/sources.list',
      Buffer.from(
        '# comment\ndeb-src http://deb.debian.org/debian bookworm main\ndeb http://deb.debian.org/debian bookworm main contrib # x\ndeb http://example.org/flat ./\n',
      ),
    ],
    [
      'etc/apt/sources.list.d/a.sources',
      Buffer.from(
        'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-backports\nComponents: main\nEnabled: no\n',
      ),
    ],
  ]);
  const r = readAptSources(files);
  assert.deepEqual(list(r.sources), [
    'http://deb.debian.org/debian bookworm main,contrib',
    'https://download.docker.com/linux/debian bookworm stable',
  ]);
  assert.deepEqual(r.sources[1]?.architectures, ['amd64']);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0] ?? '', /flat repository/);
});

test('Ubuntu, pre-bullseye Debian, backports left out', () => {
  const files = new Map([
    [
      'etc/apt/sources.list',
      Buffer.from(
        'deb http://archive.ubuntu.com/ubuntu jammy main universe\ndeb http://deb.debian.org/debian buster main\ndeb http://deb.debian.org/debian buster-backports main\n',
      ),
    ],
  ]);
  assert.deepEqual(list(aptSourcesForImage({ files }).sources), [
    'http://archive.ubuntu.com/ubuntu jammy main,universe',
    'http://deb.debian.org/debian buster main',
    'http://archive.ubuntu.com/ubuntu jammy-updates main,universe',
    'http://archive.ubuntu.com/ubuntu jammy-security main,universe',
    'http://deb.debian.org/debian buster-updates main',
    'http://deb.debian.org/debian-security buster/updates main',
  ]);
});

test('--apt-source: a bare URL replaces the mirror, a full line is taken as written', () => {
  const files = new Map([['etc/apt/sources.list', Buffer.from('deb http://deb.debian.org/debian bookworm main\n')]]);
  assert.deepEqual(list(aptSourcesForImage({ files, overrides: ['http://127.0.0.1:8080/debian/'] }).sources), [
    'http://127.0.0.1:8080/debian bookworm main',
    'http://127.0.0.1:8080/debian bookworm-updates main',
    'http://127.0.0.1:8080/debian-security bookworm-security main',
  ]);
  const line = 'deb http://127.0.0.1:8080/mirror trixie main';
  assert.deepEqual(list(aptSourcesForImage({ files, overrides: [line] }).sources), [
    'http://127.0.0.1:8080/mirror trixie main',
    'http://127.0.0.1:8080/mirror trixie-updates main',
    'http://127.0.0.1:8080/mirror trixie-security main',
  ]);
  assert.throws(() => aptSourcesForImage({ files, overrides: ['not a url'] }), /--apt-source/);
});
