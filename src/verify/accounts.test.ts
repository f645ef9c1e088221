import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEntry } from '../sources/types.js';
import { parseGroup, parsePasswd, parseShadow, permits, runtimeUser } from './accounts.js';

const accounts = {
  passwd: parsePasswd(
    'root:x:0:0:root:/root:/bin/bash\n# comment\nbroken line\n+nis\napp:x:1000:1000::/home/app:/bin/sh\nsvc:x:999:50::/:/usr/sbin/nologin\n',
  ),
  group: parseGroup('root:x:0:\nstaff:x:50:app\napp:x:1000:\n'),
  shadow: parseShadow('root:*:1::::::\napp:!:1::::::\n'),
};

describe('accounts', () => {
  it('parses passwd, group and shadow, skipping comments, NIS and malformed lines', () => {
    assert.deepEqual(
      accounts.passwd.map((p) => [p.name, p.uid, p.gid, p.home, p.line]),
      [
        ['root', 0, 0, '/root', 1],
        ['app', 1000, 1000, '/home/app', 5],
        ['svc', 999, 50, '/', 6],
      ],
    );
    assert.deepEqual(accounts.group.find((g) => g.name === 'staff')?.members, ['app']);
    assert.deepEqual(
      accounts.shadow.map((s) => s.password),
      ['*', '!'],
    );
  });

  it('resolves User the way runc does', () => {
    assert.deepEqual(
      [undefined, '', 'app', '1000', '4242', 'app:staff', 'app:7', 'svc', 'ghost', 'app:ghosts'].map((u) => {
        const r = runtimeUser(u, accounts);
        return [r.name ?? null, r.uid ?? null, r.gid ?? null, r.problem ?? null];
      }),
      [
        ['root', 0, 0, null],
        ['root', 0, 0, null],
        ['app', 1000, 1000, null],
        ['app', 1000, 1000, null],
        [null, 4242, 0, null],
        ['app', 1000, 50, null],
        ['app', 1000, 7, null],
        ['svc', 999, 50, null],
        [null, null, null, 'user ghost is not in /etc/passwd'],
        ['app', 1000, 1000, 'group ghosts is not in /etc/group'],
      ],
    );
  });

  it('decides permissions by owner, group (supplementary too) and other', () => {
    const entry = (mode: number, uid: number, gid: number): FileEntry => ({
      path: 'x',
      type: 'file',
      mode,
      uid,
      gid,
      size: 1,
    });
    const app = runtimeUser('app', accounts);
    const root = runtimeUser('root', accounts);
    assert.equal(permits(entry(0o700, 1000, 0), app, accounts, 1), true);
    assert.equal(permits(entry(0o070, 0, 50), app, accounts, 1), true, 'staff lists app as a member');
    assert.equal(permits(entry(0o704, 0, 0), app, accounts, 1), false);
    assert.equal(permits(entry(0o705, 0, 0), app, accounts, 1), true);
    // The owner class decides even when other would allow it (the kernel does not fall through).
    assert.equal(permits(entry(0o007, 1000, 0), app, accounts, 1), false);
    assert.equal(permits(entry(0o600, 5, 5), root, accounts, 4), true);
    assert.equal(permits(entry(0o644, 0, 0), root, accounts, 1), false, 'root needs some x bit to execute');
  });
});
