import { accountsOf, isAccountFile } from '../accounts.js';
import { fileFinding, type VerifyCheck, type VerifyFinding } from '../check.js';

/** Dockle's DKL-LI-0001 and DKL-LI-0002 on the image's account files. */
export const DV6003: VerifyCheck = {
  meta: {
    id: 'DV6003',
    title: 'No empty passwords, no duplicate users or groups',
    severity: 'high',
    section: 'filesystem',
    why: 'An account with an empty password lets anyone become it with `su` (CVE-2019-5021 was Alpine’s root); two accounts sharing a uid or gid own each other’s files.',
    fix: 'Lock system accounts (`passwd -l`, or `*`/`!` in /etc/shadow) and create users with `adduser --disabled-password` and unique ids.',
    aliases: ['DKL-LI-0001', 'DKL-LI-0002'],
  },
  required: isAccountFile,
  check(context) {
    const accounts = accountsOf(context.files);
    if (!accounts.passwd) return { status: 'skip', evidence: 'no /etc/passwd' };
    const at = (path: string, line: number) => {
      const entry = context.entries.get(path);
      return (message: string): VerifyFinding => (entry ? fileFinding(message, entry, line) : { message, field: path });
    };
    const findings: VerifyFinding[] = [];
    const shadow = new Map((accounts.shadow ?? []).map((s) => [s.name, s]));
    for (const p of accounts.passwd) {
      const s = shadow.get(p.name);
      // `x` in passwd defers to shadow; anything else in passwd is the password (hash) itself.
      if (p.password === '')
        findings.push(at('etc/passwd', p.line)(`${p.name} (uid ${p.uid}) has an empty password in /etc/passwd`));
      else if (p.password === 'x' && s && s.password === '')
        findings.push(at('etc/shadow', s.line)(`${p.name} (uid ${p.uid}) has an empty password in /etc/shadow`));
    }
    const dupes = <T extends { line: number }>(
      items: readonly T[],
      key: (t: T) => string | number,
      file: string,
      what: string,
    ) => {
      const first = new Map<string | number, T>();
      for (const item of items) {
        const k = key(item);
        const before = first.get(k);
        if (before)
          findings.push(
            at(file, item.line)(`${what} ${k} appears twice in /${file} (lines ${before.line} and ${item.line})`),
          );
        else first.set(k, item);
      }
    };
    dupes(accounts.passwd, (p) => p.name, 'etc/passwd', 'user');
    dupes(accounts.passwd, (p) => p.uid, 'etc/passwd', 'uid');
    dupes(accounts.group ?? [], (g) => g.name, 'etc/group', 'group');
    dupes(accounts.group ?? [], (g) => g.gid, 'etc/group', 'gid');
    const users = accounts.passwd.length;
    const groups = accounts.group?.length ?? 0;
    if (findings.length === 0) {
      return { status: 'pass', evidence: `${users} users, ${groups} groups: no empty passwords, ids unique` };
    }
    return { status: 'fail', evidence: findings.map((f) => f.message).join('; '), findings };
  },
};
