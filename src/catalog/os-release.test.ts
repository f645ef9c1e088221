import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CatalogFile } from './cataloger.js';
import { detectDistro, parseOsRelease } from './os-release.js';

const file = (path: string, text: string): [string, CatalogFile] => [
  path,
  { entry: { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: text.length }, content: Buffer.from(text) },
];

describe('distro detection', () => {
  it('parses os-release with quotes, comments and ID_LIKE', () => {
    const d = parseOsRelease(
      '# comment\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\nID_LIKE="rhel fedora"\n',
    );
    assert.deepEqual(d, {
      id: 'debian',
      versionId: '12',
      versionCodename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      idLike: ['rhel', 'fedora'],
    });
    assert.equal(parseOsRelease('NAME=nothing\n'), undefined);
  });
  it('reads the real alpine 3.11 os-release fixture', () => {
    const dir = join(import.meta.dirname, 'apk/testdata/alpine-3.11');
    let text: string;
    try {
      text = readFileSync(join(dir, 'os-release'), 'utf8');
    } catch {
      return;
    }
    assert.equal(parseOsRelease(text)?.id, 'alpine');
  });
  it('prefers etc/os-release, then usr/lib/os-release, then the release files', () => {
    assert.equal(detectDistro(new Map([file('usr/lib/os-release', 'ID=debian\nVERSION_ID=12\n')]))?.versionId, '12');
    assert.deepEqual(detectDistro(new Map([file('etc/alpine-release', '3.19.1\n')])), {
      id: 'alpine',
      versionId: '3.19.1',
    });
    assert.deepEqual(detectDistro(new Map([file('etc/debian_version', '12.8\n')])), { id: 'debian', versionId: '12' });
    assert.deepEqual(detectDistro(new Map([file('etc/redhat-release', 'Rocky Linux release 9.3 (Blue Onyx)\n')])), {
      id: 'rocky',
      versionId: '9.3',
    });
    assert.equal(detectDistro(new Map()), undefined);
  });
});
