import type { FileEntry } from '../sources/types.js';
import type { CheckContext } from './check.js';

/**
 * The image's accounts (`etc/passwd`, `etc/group`, `etc/shadow`) and who the container runs as:
 * what `whoami` and `id` would say inside it, decided from the config's `User` and those files.
 */

export const ACCOUNT_FILES: ReadonlySet<string> = new Set(['etc/passwd', 'etc/group', 'etc/shadow']);

export function isAccountFile(entry: FileEntry): boolean {
  return ACCOUNT_FILES.has(entry.path);
}

export interface PasswdEntry {
  readonly name: string;
  readonly password: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface GroupEntry {
  readonly name: string;
  readonly password: string;
  readonly gid: number;
  readonly members: readonly string[];
  readonly line: number;
}

export interface ShadowEntry {
  readonly name: string;
  /** `*`/`!…` locked, `$…$…` a hash, empty: no password at all. */
  readonly password: string;
  readonly line: number;
}

/** `name:x:uid:gid:gecos:home:shell` lines; malformed lines (wrong field count, bad ids) are skipped. */
export function parsePasswd(text: string): PasswdEntry[] {
  return records(text, 7).flatMap(({ fields: f, line }) => {
    const uid = id(f[2]);
    const gid = id(f[3]);
    if (uid === undefined || gid === undefined) return [];
    return [{ name: f[0] ?? '', password: f[1] ?? '', uid, gid, home: f[5] ?? '', shell: f[6] ?? '', line }];
  });
}

export function parseGroup(text: string): GroupEntry[] {
  return records(text, 4).flatMap(({ fields: f, line }) => {
    const gid = id(f[2]);
    if (gid === undefined) return [];
    const members = (f[3] ?? '').split(',').filter(Boolean);
    return [{ name: f[0] ?? '', password: f[1] ?? '', gid, members, line }];
  });
}

export function parseShadow(text: string): ShadowEntry[] {
  return records(text, 2).map(({ fields: f, line }) => ({ name: f[0] ?? '', password: f[1] ?? '', line }));
}

function records(text: string, minFields: number): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    // NIS compat lines (`+`, `-user`) are not local accounts.
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) return;
    const fields = line.split(':');
    if (fields.length < minFields || fields[0] === '') return;
    out.push({ fields, line: i + 1 });
  });
  return out;
}

function id(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

export interface Accounts {
  /** Undefined when the image has no such file. */
  readonly passwd?: PasswdEntry[];
  readonly group?: GroupEntry[];
  readonly shadow?: ShadowEntry[];
}

export function accountsOf(files: ReadonlyMap<string, Buffer>): Accounts {
  const text = (path: string) => files.get(path)?.toString('utf8');
  const passwd = text('etc/passwd');
  const group = text('etc/group');
  const shadow = text('etc/shadow');
  return {
    ...(passwd === undefined ? {} : { passwd: parsePasswd(passwd) }),
    ...(group === undefined ? {} : { group: parseGroup(group) }),
    ...(shadow === undefined ? {} : { shadow: parseShadow(shadow) }),
  };
}

/** Who the container runs as, as far as the image tells. */
export interface RuntimeUser {
  /** The config's `User` as written (empty: not set, so root). */
  readonly configured: string;
  /** The name `whoami` prints, when the image's passwd has one. */
  readonly name?: string;
  /** Undefined when a name does not resolve. */
  readonly uid?: number;
  readonly gid?: number;
  readonly groupName?: string;
  readonly home?: string;
  readonly passwd?: PasswdEntry;
  /** Why the user or group does not resolve (the container would not start). */
  readonly problem?: string;
}

/**
 * Resolves the config's `User` (`name`, `uid`, `name:group`, `uid:gid`) the way runc does: a name
 * must be in /etc/passwd, a number need not be; the group defaults to the passwd entry's.
 */
export function runtimeUser(configured: string | undefined, accounts: Accounts): RuntimeUser {
  const value = (configured ?? '').trim();
  const [userPart = '', groupPart] = value.split(':', 2);
  const passwd = accounts.passwd ?? [];
  const numeric = /^\d+$/.test(userPart);
  const user =
    userPart === ''
      ? { entry: passwd.find((p) => p.uid === 0), uid: 0 }
      : numeric
        ? { entry: passwd.find((p) => p.uid === Number(userPart)), uid: Number(userPart) }
        : { entry: passwd.find((p) => p.name === userPart), uid: undefined };
  const entry = user.entry;
  const uid = entry?.uid ?? user.uid;
  if (uid === undefined) {
    const where = accounts.passwd ? 'not in /etc/passwd' : 'unresolvable: the image has no /etc/passwd';
    return { configured: value, problem: `user ${userPart} is ${where}` };
  }
  let gid = entry?.gid ?? (numeric || userPart === '' ? 0 : undefined);
  let groupName: string | undefined;
  let problem: string | undefined;
  if (groupPart !== undefined && groupPart !== '') {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const g = accounts.group?.find((x) => x.name === groupPart);
      if (g) gid = g.gid;
      else problem = `group ${groupPart} is not in /etc/group`;
    }
  }
  if (gid !== undefined) groupName = accounts.group?.find((g) => g.gid === gid)?.name;
  return {
    configured: value,
    ...(entry ? { name: entry.name, home: entry.home, passwd: entry } : {}),
    uid,
    ...(gid === undefined ? {} : { gid }),
    ...(groupName ? { groupName } : {}),
    ...(problem ? { problem } : {}),
  };
}

/** The runtime user of a check context (its files must include the account files). */
export function contextUser(context: CheckContext): RuntimeUser {
  return runtimeUser(context.config.config?.User, accountsOf(context.files));
}

/** Supplementary groups of a user (group entries listing it as a member). */
function memberGids(user: RuntimeUser, accounts: Accounts): Set<number> {
  const gids = new Set<number>();
  if (user.gid !== undefined) gids.add(user.gid);
  if (user.name) for (const g of accounts.group ?? []) if (g.members.includes(user.name)) gids.add(g.gid);
  return gids;
}

/**
 * Whether `user` may do `bits` (4 read, 2 write, 1 execute/search) on `entry` by its mode, the
 * owner, group and other classes as the kernel picks them. Root may do anything except execute a
 * file without any execute bit.
 */
export function permits(entry: FileEntry, user: RuntimeUser, accounts: Accounts, bits: number): boolean {
  if (user.uid === 0) {
    if ((bits & 1) === 0 || entry.type === 'dir') return true;
    return (entry.mode & 0o111) !== 0;
  }
  const mode = entry.mode;
  const cls =
    entry.uid === user.uid ? (mode >> 6) & 7 : memberGids(user, accounts).has(entry.gid) ? (mode >> 3) & 7 : mode & 7;
  return (cls & bits) === bits;
}

/** "appuser (uid 1000)", "uid 10001", "root (uid 0)". */
export function describeUser(user: RuntimeUser): string {
  if (user.uid === undefined) return user.configured;
  return user.name ? `${user.name} (uid ${user.uid})` : `uid ${user.uid}`;
}
